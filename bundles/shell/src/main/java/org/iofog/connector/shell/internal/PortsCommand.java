package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortUsage;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.api.settings.PortSettingsProvider;

/** The port allocator's ranges and how many of their ports are handed out. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "ports",
        description = "Shows the port ranges, exclusions, free and used ports, and ports in use outside the ranges")
public class PortsCommand extends ConnectorAction {

    @Reference
    PortAllocator allocator;

    @Reference(optional = true)
    PortSettingsProvider settings;

    @Override
    void run(PrintStream out) {
        lines(allocator.usage(), settings == null ? Optional.empty() : settings.problem()).print(out);
    }

    /** @param problem why the latest {@link PortSettings#PID} configuration was rejected, if it was */
    static Lines lines(PortUsage usage, Optional<String> problem) {
        return new Lines()
                .add("Ranges", Formats.ranges(usage.ranges()))
                .add("Excluded", Formats.ranges(usage.exclude()))
                .add("Free", usage.free())
                .add("Used", usage.used())
                .add("In use outside the ranges", Formats.portList(usage.usedOutsideRange()))
                .add("Configured in", Formats.configFile(PortSettings.PID) + problem
                        .map(p -> " (latest configuration rejected: " + p + "; the ranges above stay in force)")
                        .orElse(""));
    }
}
