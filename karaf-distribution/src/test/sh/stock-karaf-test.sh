#!/usr/bin/env bash
# The README's "Install the feature into an existing Karaf 4.4" on a freshly unpacked stock Apache Karaf,
# with nothing of ours copied into it: feature:repo-add, feature:install iofog-connector, the native
# transports, a standard feature (wrap), uninstall and reinstall, a mapping and a generated certificate,
# a restart (bin/stop, bin/start), and then the features service must still resolve (wrap out and in).
#
# What it guards against: a feature condition on osgi.native is met by the system bundle, which Karaf's
# features service then marked "managed"; every later feature operation failed with "missing requirement
# ... osgi.wiring.package=org.osgi.framework", even after a restart. And: Karaf's file install takes every
# folder under etc/ for a bundle, so the connector's files must live elsewhere (no bundle "iofog-connector
# 0.0.0" after the restart); the mapping and the certificate must survive the restart.
#
# Karaf's only changes: a console user (users.properties ships it commented out), ssh and RMI moved off
# their defaults, the build's artifacts offered as a Maven repository (as an operator's repository manager
# would), nothing fetched from the network, and the connector's REST and relay ports moved (etc/*.cfg
# written before the feature is installed, which the feature then leaves alone).
# Run by the build (karaf-distribution, integration-test phase):
#   bash stock-karaf-test.sh <stock Karaf tarball> <work dir> <Maven repository with the build> <project version>
set -euo pipefail

tarball=$1
work=$2
repository=$(cd "$3" && pwd -P)
version=$4
ssh_port=18203
http_port=18480

fail() {
  echo "stock-karaf-test: $*" >&2
  exit 1
}

rm -rf "$work" && mkdir -p "$work"
tar xzf "$tarball" -C "$work"
home=$(cd "$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)" && pwd -P)

sed -i 's/^#karaf = karaf,_g_:admingroup/karaf = karaf,_g_:admingroup/; s/^#_g_\\:admingroup/_g_\\:admingroup/' \
  "$home/etc/users.properties"
grep -q '^karaf = karaf' "$home/etc/users.properties" || fail "could not enable the karaf user in users.properties"
sed -i "s/^sshPort = .*/sshPort = $ssh_port/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 11399/; s/^rmiServerPort *=.*/rmiServerPort = 44745/" \
  "$home/etc/org.apache.karaf.management.cfg"
cat >"$home/etc/org.ops4j.pax.url.mvn.cfg" <<EOF
org.ops4j.pax.url.mvn.localRepository = $work/m2
org.ops4j.pax.url.mvn.useFallbackRepositories = false
org.ops4j.pax.url.mvn.defaultRepositories = \\
    \${karaf.home.uri}\${karaf.default.repository}@id=system.repository@snapshots, \\
    \${karaf.data.uri}kar@id=kar.repository@multi@snapshots, \\
    file:$repository@id=iofog-build@snapshots
org.ops4j.pax.url.mvn.repositories =
EOF
cat >"$home/etc/org.iofog.connector.rest.cfg" <<EOF
bind.address = 127.0.0.1
http.port = $http_port
EOF
cat >"$home/etc/org.iofog.connector.ports.cfg" <<EOF
ports = 18490-18499
EOF
cat >"$home/etc/org.iofog.connector.cfg" <<EOF
legacy.import = false
EOF

export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

. "$(dirname "$0")/distribution.sh"
test_name=stock-karaf-test
trap 'stop_karaf || true' EXIT

client() {
  echo "$1" | "$home/bin/client" -u karaf -p karaf -a "$ssh_port" -r 3 -d 2 -b 2>&1
}

# karaf <command>: runs a console command as an operator types it, prints it and its answer, and fails
# the test when the console reports an error.
karaf() {
  local out
  out=$(client "$1") || true
  printf 'karaf@root()> %s\n%s\n' "$1" "$out"
  if grep -q 'Error executing command' <<<"$out"; then
    fail "'$1' failed"
  fi
  last=$out
}

start() {
  "$home/bin/start"
  for _ in $(seq 1 90); do
    client 'feature:list -i' 2>/dev/null | grep -q '^shell ' && return 0
    sleep 1
  done
  fail "Karaf's console did not answer within 90 s of bin/start"
}

# wait_for <command> <extended regex> <what>: repeats a console command until its answer matches.
wait_for() {
  local out=""
  for _ in $(seq 1 60); do
    out=$(client "$1" || true)
    grep -Eq "$2" <<<"$out" && return 0
    sleep 1
  done
  printf '%s\n' "$out" >&2
  fail "$3"
}

start
karaf "feature:repo-add mvn:org.iofog.connector/iofog-connector-features/$version/xml/features"
karaf 'feature:install iofog-connector'
karaf 'feature:install iofog-connector-transport-epoll iofog-connector-transport-io-uring'
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  # Both transports registered a few milliseconds apart while the relay ran on NIO: one move, to epoll.
  wait_for 'connector:status' 'Transport +: epoll' "the relay did not move to epoll when the transports came"
  sleep 1
  moves=$(grep -o 'Relay moved from the [a-z_]* to the [a-z_]* transport' "$home/data/log/karaf.log" || true)
  [ "$moves" = 'Relay moved from the nio to the epoll transport' ] ||
    fail "installing both transports should move the relay once, from nio to epoll; karaf.log says: $moves"
fi
karaf 'feature:install wrap'
karaf 'feature:uninstall iofog-connector'
karaf 'feature:install iofog-connector'
wait_for 'connector:status' 'Ports +: 10 free' "the connector did not come up with the ports 18490-18499"
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  # The native library came with the platform's condition: the relay moves to epoll, the best transport.
  wait_for 'connector:status' 'Transport +: epoll' "the relay is not on epoll: the native library did not load"
fi
karaf 'connector:mapping-add public'
mapping_id=$(sed -n 's/^Added public mapping \([0-9a-f-]*\).*/\1/p' <<<"$last")
[ -n "$mapping_id" ] || fail "no mapping id in the answer of connector:mapping-add"
karaf 'connector:cert-generate'
wait_for 'connector:cert-info' 'Certificate file : .*/iofog-connector/server-cert.pem' "the generated certificate is not loaded"
[ -f "$home/iofog-connector/configs.json" ] || fail "no iofog-connector/configs.json in the Karaf base directory"
[ -f "$home/iofog-connector/server-cert.pem" ] || fail "no iofog-connector/server-cert.pem in the Karaf base directory"
# The group's feature (Hazelcast and the group bundle): installed it is off and changes nothing; uninstalled,
# the connector and its mapping stay.
karaf 'feature:install iofog-connector-group'
wait_for 'connector:group' 'Group +: off' "connector:group does not say the group is off after installing its feature"
karaf 'feature:uninstall iofog-connector-group'
wait_for "connector:mapping $mapping_id" "$mapping_id" "mapping $mapping_id is gone after uninstalling the group's feature"

echo "stock-karaf-test: restarting Karaf"
stop_karaf
start
wait_for 'feature:list -i' '^iofog-connector +[|│] *[^ ]+ *[|│] *x *[|│] *Started' \
  "iofog-connector is not a started feature after the restart"
karaf 'feature:uninstall wrap'
karaf 'feature:install wrap'
karaf 'feature:list -i'
grep -Eq '^wrap +[|│] *[^ ]+ *[|│] *x *[|│] *Started' <<<"$last" || fail "wrap is not started after reinstalling it"
karaf 'bundle:list -t 0'
if grep -Ei '[|│] *0\.0\.0 *[|│]' <<<"$last"; then
  fail "a folder was installed as a bundle (version 0.0.0) after the restart"
fi
[ ! -e "$home/etc/iofog-connector" ] || fail "etc/iofog-connector exists: Karaf's file install takes it for a bundle"
wait_for "connector:mapping $mapping_id" "$mapping_id" "mapping $mapping_id is gone after the restart"
karaf 'connector:cert-info'

trap - EXIT
stop_karaf
echo "stock-karaf-test: on a stock Karaf, the feature, its transports, the group's feature, wrap, uninstall and reinstall, and a restart;" \
  "the features service still resolves, no folder became a bundle, the mapping and the certificate stayed"
