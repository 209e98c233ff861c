package org.iofog.connector.rest.internal;

import java.util.function.Supplier;

import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;

/** The one-line health text of {@code commandline status}. */
final class StatusLine implements Supplier<String> {

    private final MappingRegistry registry;
    private final PortAllocator ports;
    private final Supplier<ConnectorSettings> connector;
    private final String version;

    StatusLine(MappingRegistry registry, PortAllocator ports, Supplier<ConnectorSettings> connector, String version) {
        this.registry = registry;
        this.ports = ports;
        this.connector = connector;
        this.version = version;
    }

    @Override
    public String get() {
        long mappings = StatusEndpoint.portMappings(registry);
        return "ioFog Connector " + version + " is running: " + mappings + " mapping" + (mappings == 1 ? "" : "s")
                + ", " + ports.usage().free() + " ports available, " + (connector.get().dev() ? "dev mode (no TLS)"
                : "TLS");
    }
}
