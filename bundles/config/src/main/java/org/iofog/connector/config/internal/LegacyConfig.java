package org.iofog.connector.config.internal;

import java.util.List;

import org.iofog.connector.api.ports.PortRange;

/** The content of the old daemon's {@code iofog-connector.conf}, validated. */
record LegacyConfig(List<PortRange> ports, List<PortRange> exclude, int broker, String address, boolean dev) {

    LegacyConfig {
        ports = List.copyOf(ports);
        exclude = List.copyOf(exclude);
    }
}
