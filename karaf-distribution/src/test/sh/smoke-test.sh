#!/usr/bin/env bash
# Unpacks the distribution tarball, starts it with bin/start, checks through Karaf's own client that
# the iofog-connector feature is started and its services are registered, asks the REST API for its
# status, then stops it with bin/iofog-connector stop, i.e. the REST "commandline stop" (bin/stop if a
# check fails).
# Run by the build (karaf-distribution, integration-test phase): bash smoke-test.sh <tarball> <work dir>
set -euo pipefail

tarball=$1
work=$2
ssh_port=18201
http_port=18280

. "$(dirname "$0")/distribution.sh"
unpack "$tarball" "$work" "$ssh_port" 11199 44545 "$http_port"

client() {
  echo "$1" | "$home/bin/client" -u karaf -p karaf -a "$ssh_port" -r 3 -d 2 -b 2>/dev/null
}

stop() {
  "$home/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    "$home/bin/status" >/dev/null 2>&1 || return 0
    sleep 1
  done
  echo "smoke: bin/stop did not stop Karaf within 60 s" >&2
  return 1
}
trap 'stop || true' EXIT

"$home/bin/start"
features=""
for _ in $(seq 1 90); do
  features=$(client 'feature:list -i' || true)
  grep -q '^iofog-connector ' <<<"$features" && break
  sleep 1
done
if ! grep -Eq '^iofog-connector +[|│] *[^ ]+ *[|│] *x *[|│] *Started' <<<"$features"; then
  echo "smoke: iofog-connector is not a started boot feature; feature:list -i said:" >&2
  echo "$features" >&2
  exit 1
fi

for service in mapping.MappingRegistry ports.PortAllocator settings.ConnectorSettingsProvider settings.PortSettingsProvider \
               settings.RelaySettingsProvider settings.RestSettingsProvider settings.TlsSettingsProvider \
               tls.TlsContextProvider tls.CertificateGenerator; do
  listing=$(client "service:list org.iofog.connector.api.$service")
  if ! grep -q "component.name = org.iofog.connector" <<<"$listing"; then
    echo "smoke: no component provides $service; service:list said:" >&2
    echo "$listing" >&2
    exit 1
  fi
done

# The memory settings of bin/setenv reach the JVM that bin/start runs.
pid=$(karaf_pid)
command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline")
for option in -XX:+UseSerialGC -Xms16m -Xmn8m; do
  if ! grep -q -- " $option " <<<" $command_line "; then
    echo "smoke: bin/start ran Karaf without $option from bin/setenv; its command line: $command_line" >&2
    exit 1
  fi
done
if ! tr '\0' '\n' <"/proc/$pid/environ" | grep -qx 'MALLOC_ARENA_MAX=2'; then
  echo "smoke: bin/start ran Karaf without MALLOC_ARENA_MAX=2 from bin/setenv" >&2
  exit 1
fi
sshd_bc=$(client 'system:property org.apache.sshd.security.provider.BC.enabled' | tr -d '\r')
if [ "$sshd_bc" != false ]; then
  echo "smoke: org.apache.sshd.security.provider.BC.enabled from etc/custom.system.properties is not in force: '$sshd_bc'" >&2
  exit 1
fi

if ! grep -q 'Configuration org.iofog.connector.ports in force: PortSettings\[ports=\[6000-6050\]' \
     "$home/data/log/karaf.log"; then
  echo "smoke: the default port range 6000-6050 is not in force; karaf.log:" >&2
  tail -n 50 "$home/data/log/karaf.log" >&2
  exit 1
fi

# The relay starts on the transport its settings choose (auto: the best present, epoll where it loads),
# never on another one that it leaves a moment later: such a move at every start reset connections.
started=$(grep -o 'Relay started on the [a-z_]* transport' "$home/data/log/karaf.log" || true)
if grep -q 'Relay moved from' "$home/data/log/karaf.log"; then
  echo "smoke: the relay moved to another transport while starting ($started); karaf.log:" >&2
  grep 'Relay \|transport' "$home/data/log/karaf.log" >&2
  exit 1
fi
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] && [ "$started" != 'Relay started on the epoll transport' ]; then
  echo "smoke: on Linux x86_64 the relay should start on epoll; karaf.log says: ${started:-nothing}" >&2
  grep 'Relay \|transport' "$home/data/log/karaf.log" >&2
  exit 1
fi

# The REST API answers the Controller's requests over plain HTTP (dev mode), through bash's /dev/tcp
# so that the check needs no HTTP client on the machine.
rest() { # endpoint form-body
  ( exec 3<>"/dev/tcp/127.0.0.1/$http_port" &&
    printf 'POST /api/v2/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
      "$1" "${#2}" "$2" >&3 &&
    timeout 5 cat <&3 ) 2>/dev/null || true
}
status=""
for _ in $(seq 1 30); do
  status=$(rest status mappingid=all)
  grep -q '"status":"running"' <<<"$status" && break
  sleep 1
done
if ! grep -q '"status":"running"' <<<"$status"; then
  echo "smoke: the REST API did not answer status on 127.0.0.1:$http_port; it said: $status" >&2
  exit 1
fi

# The command line's stop, from this machine, through the REST API ("commandline stop", whose answer it
# prints) and bash's /dev/tcp as well: the whole container shuts down.
answer=$(IOFOG_CONNECTOR_HTTP_CLIENT=bash "$home/bin/iofog-connector" stop 2>&1) || {
  echo "smoke: bin/iofog-connector stop failed; it said: $answer" >&2
  exit 1
}
if [ "$answer" != $'Stopping the ioFog Connector\niofog-connector stopped' ]; then
  echo "smoke: bin/iofog-connector stop did not go through commandline stop; it said: $answer" >&2
  exit 1
fi
pid=$(karaf_pid)
if "$home/bin/status" >/dev/null 2>&1 || kill -0 "$pid" 2>/dev/null; then
  echo "smoke: Karaf (pid $pid) still runs after bin/iofog-connector stop" >&2
  exit 1
fi
trap - EXIT
echo "smoke: distribution started with iofog-connector active, answered REST, and stopped on bin/iofog-connector stop (commandline stop)"
