package org.iofog.connector.api.settings;

import java.util.List;

import org.iofog.connector.api.ports.PortRange;

/**
 * PID {@code org.iofog.connector.ports}: the ports mappings may use.
 *
 * @param ports   ranges to allocate from
 * @param exclude ranges removed from {@code ports}
 */
public record PortSettings(List<PortRange> ports, List<PortRange> exclude) {

    public static final String PID = "org.iofog.connector.ports";

    public PortSettings {
        ports = List.copyOf(ports);
        exclude = List.copyOf(exclude);
    }
}
