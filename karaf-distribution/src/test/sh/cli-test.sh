#!/usr/bin/env bash
# Tests bin/iofog-connector against the unpacked distribution tarball, with one Karaf start: status and
# stop before the start (not running), version and help (every spelling), unknown commands, calls
# through symlinks from another folder, the systemd unit (systemd-analyze verify, where installed),
# start (twice), status and version through the REST API (curl, and bash's /dev/tcp), then the
# fall-back to Karaf's scripts: with the REST bundle stopped, status says Karaf runs without the REST
# API (exit 4) and stop stops Karaf through bin/stop. (stop through the REST API is the smoke test's
# last step.) Karaf is always stopped on the way out.
# Run by the build (karaf-distribution, integration-test phase):
#   bash cli-test.sh <tarball> <work dir> <project version> <karaf version>
set -euo pipefail

tarball=$1
work=$2
version=$3
karaf_version=$4
ssh_port=18202
http_port=18380

. "$(dirname "$0")/distribution.sh"
unpack "$tarball" "$work" "$ssh_port" 11299 44645 "$http_port"
cli=$home/bin/iofog-connector
# The REST API listens on loopback only; no old daemon's settings are imported (dev mode stays on).
sed -i "s/^\( *\)bind.address = .*/\1bind.address = 127.0.0.1/" "$home/etc/org.iofog.connector.rest.cfg"
sed -i "s/^\( *\)legacy.import = .*/\1legacy.import = false/" "$home/etc/org.iofog.connector.cfg"

fail() {
  echo "cli-test: $*" >&2
  exit 1
}

# run <args...>: runs the command line from / (not from its folder), keeps its exit status in rc and
# its output (stdout and stderr) in out.
run() {
  rc=0
  out=$(cd / && "$@" 2>&1) || rc=$?
}

# expect <what> <exit status> <extended regex the whole output must match>
expect() {
  if [ "$rc" != "$2" ] || ! [[ $out =~ ^$3$ ]]; then
    fail "$1: expected exit $2 and output matching '$3'; got exit $rc and:
$out"
  fi
}

test_name=cli-test
trap 'stop_karaf || true' EXIT

client() {
  echo "$1" | "$home/bin/client" -u karaf -p karaf -a "$ssh_port" -r 3 -d 2 -b 2>/dev/null
}

v=${version//./\\.}
kv=${karaf_version//./\\.}
url="http://127.0.0.1:$http_port"
running="ioFog Connector $v is running: 0 mappings, [0-9]+ ports available, dev mode \(no TLS\)"
help='Usage: iofog-connector <command>

Commands:
  start                      start the connector
  stop                       stop the connector
  status                     show whether the connector runs, and its mappings and ports
  version, -v, --version     show the version
  help, -h, -\?, --help       show this text

Exit status: .*'

# --- not running
run "$cli" status
expect "status before start" 3 "iofog-connector is not running"
run "$cli" stop
expect "stop before start" 3 "iofog-connector is not running"
for arg in version -v --version; do
  run "$cli" "$arg"
  expect "$arg before start" 0 "ioFog Connector $v
Apache Karaf $kv"
done
for arg in help -h '-?' --help; do
  run "$cli" "$arg"
  expect "$arg" 0 "$help"
done
run "$cli" frobnicate
expect "an unknown command" 2 "iofog-connector: unknown command 'frobnicate'
$help"
run "$cli"
expect "no command" 2 "$help"
# Through a relative symlink to an absolute one, called from another folder: the home is still found.
mkdir -p "$work/links/usr/bin"
ln -s "$cli" "$work/links/iofog-connector"
ln -s ../../iofog-connector "$work/links/usr/bin/iofog-connector"
run "$work/links/usr/bin/iofog-connector" version
expect "version through symlinks" 0 "ioFog Connector $v
Apache Karaf $kv"
run "$work/links/usr/bin/iofog-connector" status
expect "status through symlinks" 3 "iofog-connector is not running"

# --- the systemd unit, checked by systemd itself where it is installed (nothing runs it here)
unit=$home/etc/systemd/iofog-connector.service
grep -q '^ExecStart=/opt/iofog-connector/bin/karaf daemon$' "$unit" || fail "$unit: no ExecStart of /opt/iofog-connector/bin/karaf daemon"
if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir -p "$work/unit"
  sed "s#/opt/iofog-connector#$home#g" "$unit" >"$work/unit/iofog-connector.service"
  verify=$(cd "$work/unit" && systemd-analyze verify ./iofog-connector.service 2>&1 | grep -F 'iofog-connector.service' || true)
  [ -z "$verify" ] || fail "systemd-analyze verify $unit (installed in $home):
$verify"
  echo "cli-test: systemd-analyze verify found nothing wrong with etc/systemd/iofog-connector.service"
fi

# --- start, and status through the REST API
run "$cli" start
expect "start" 0 "iofog-connector is starting: 'iofog-connector status' answers once it runs \(about 20 s\)"
deadline=$((SECONDS + 120))
while :; do
  run "$cli" status
  [ "$rc" = 0 ] && break
  # While Karaf boots: not running yet (3) or running without the REST API yet (4), one line either way.
  if ! { [ "$rc" = 3 ] && [ "$out" = "iofog-connector is not running" ]; } &&
     ! { [ "$rc" = 4 ] && [[ $out =~ ^iofog-connector:\ Karaf\ is\ running,\ but\ the\ REST\ API\ at\ $url\ does\ not\ answer[^$'\n']*$ ]]; }; then
    fail "status while starting: unexpected exit $rc and output: $out"
  fi
  [ $SECONDS -lt $deadline ] || fail "status did not answer within 120 s of start; it said (exit $rc): $out"
  sleep 1
done
expect "status when running" 0 "$running"
echo "cli-test: status answered after $((SECONDS + 120 - deadline)) s: $out"
run "$cli" start
expect "start when running" 0 "iofog-connector is already running"
for arg in version -v --version; do
  run "$cli" "$arg"
  expect "$arg when running" 0 "ioFog Connector $v
Apache Karaf $kv, Java .*"
done
run env IOFOG_CONNECTOR_HTTP_CLIENT=bash "$work/links/usr/bin/iofog-connector" status
expect "status through bash's /dev/tcp and symlinks" 0 "$running"
run "$cli" help
expect "help when running" 0 "$help"

# --- the fall-back to Karaf's scripts: the REST API is gone, Karaf is not
answer=$(client 'bundle:stop org.iofog.connector.rest' || true)
deadline=$((SECONDS + 30))
while :; do
  run "$cli" status
  [ "$rc" != 0 ] && break
  [ $SECONDS -lt $deadline ] || fail "status still answers 30 s after bundle:stop of the REST bundle (client said: $answer)"
  sleep 1
done
expect "status without the REST API" 4 "iofog-connector: Karaf is running, but the REST API at $url does not answer \(starting, or stopped: see $home/data/log/karaf\.log\)"
run "$cli" version
expect "version without the REST API" 0 "ioFog Connector $v
Apache Karaf $kv"
run "$cli" stop
expect "stop without the REST API" 0 "iofog-connector: the REST API at $url does not answer; stopping through Karaf's bin/stop
iofog-connector stopped"
karaf_gone || fail "stop said stopped, but Karaf still runs (pid $(karaf_pid))"
if pgrep -f -- "-Dkaraf.base=$home( |$)" >/dev/null; then
  fail "a java process of $home remains after stop: $(pgrep -a -f -- "-Dkaraf.base=$home( |$)")"
fi
run "$cli" status
expect "status after stop" 3 "iofog-connector is not running"
trap - EXIT
echo "cli-test: bin/iofog-connector answered status, stop, start, version and help as expected, through the REST API and through Karaf's scripts"
