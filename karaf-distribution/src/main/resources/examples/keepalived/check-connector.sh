#!/bin/sh
# keepalived's check of this connector (README, "Connector group"): exits 0 only when GET /health on the
# REST port answers 200, i.e. every mapping listens here and, in a group, this member has joined and opened
# every mapping of the group. keepalived then gives the floating address to a member that passes.
#   check-connector.sh [host] [port] [scheme]   defaults: 127.0.0.1 8080 http (use https and 443 when dev = false)
# With an api.token, put it in IOFOG_CONNECTOR_TOKEN.
host=${1:-127.0.0.1}
port=${2:-8080}
scheme=${3:-http}
set -- -fsS -o /dev/null -m 2 -k
if [ -n "${IOFOG_CONNECTOR_TOKEN:-}" ]; then
  set -- "$@" -H "Authorization: Bearer $IOFOG_CONNECTOR_TOKEN"
fi
exec curl "$@" "$scheme://$host:$port/health"
