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
