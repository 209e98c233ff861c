# Sourced by the distribution's scripted tests.
#
# unpack <tarball> <work dir> <ssh port> <rmi registry port> <rmi server port> <http port>: unpacks the
# distribution into a fresh work dir, sets home to its folder, and moves ssh, RMI and the REST API's
# HTTP port off the defaults, so that a connector already running on this machine stays untouched.
unpack() {
  local tarball=$1 work=$2 ssh=$3 rmi_registry=$4 rmi_server=$5 http=$6
  rm -rf "$work" && mkdir -p "$work"
  tar xzf "$tarball" -C "$work"
  home=$(cd "$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)" && pwd -P)
  sed -i "s/^sshPort = .*/sshPort = $ssh/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $rmi_registry/; s/^rmiServerPort *=.*/rmiServerPort = $rmi_server/" \
    "$home/etc/org.apache.karaf.management.cfg"
  sed -i "s/^\( *\)http.port = .*/\1http.port = $http/" "$home/etc/org.iofog.connector.rest.cfg"
}

# karaf_pid, karaf_gone, stop_karaf: stop the Karaf in $home and wait until its JVM has ended (bin/start
# refuses to start while the pid in karaf.pid lives); messages start with $test_name, the script's name.
karaf_pid() {
  { tr -dc '0-9' <"$home/karaf.pid"; } 2>/dev/null || true
}
karaf_gone() { # Karaf says it is not running, and its process is gone
  local pid
  pid=$(karaf_pid)
  ! "$home/bin/status" >/dev/null 2>&1 && { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; }
}
stop_karaf() {
  "$home/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    karaf_gone && return 0
    sleep 1
  done
  local pid
  pid=$(karaf_pid)
  echo "$test_name: bin/stop did not stop Karaf within 60 s; killing its process $pid" >&2
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  return 1
}
