package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.ports.NoAvailablePortsException;

/**
 * Opens a public or private pipe as the Controller would, with the Controller's defaults, and prints what
 * the agents need: the ports and the passcodes.
 */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "mapping-add",
        description = "Opens a public or private pipe and prints its id, ports and passcodes")
public class MappingAddCommand extends ConnectorAction {

    @Option(name = "--max-connections", description = "Public: agent connections allowed on port1 (default 60)")
    Integer maxConnections;

    @Option(name = "--heartbeat-threshold",
            description = "Public: ms without a byte before an agent connection is closed, 0 = never (default 200000)")
    Long heartbeatThreshold;

    @Option(name = "--max-connections-port1", description = "Private: agent connections allowed on port1 (default 1)")
    Integer maxConnectionsPort1;

    @Option(name = "--max-connections-port2", description = "Private: agent connections allowed on port2 (default 1)")
    Integer maxConnectionsPort2;

    @Option(name = "--heartbeat-threshold-port1",
            description = "Private: heartbeat absence threshold of port1 in ms, 0 = never (default 200000)")
    Long heartbeatThresholdPort1;

    @Option(name = "--heartbeat-threshold-port2",
            description = "Private: heartbeat absence threshold of port2 in ms, 0 = never (default 200000)")
    Long heartbeatThresholdPort2;

    @Argument(index = 0, name = "type", required = true, description = "public or private")
    @Completion(MappingTypeCompleter.class)
    String type;

    @Reference
    MappingRegistry registry;

    @Override
    void run(PrintStream out) throws NoAvailablePortsException, MappingException, CommandException {
        PipeOptions options = new PipeOptions(maxConnections, heartbeatThreshold, maxConnectionsPort1,
                maxConnectionsPort2, heartbeatThresholdPort1, heartbeatThresholdPort2).checked();
        String kind = type.strip().toLowerCase(Locale.ROOT);
        Mapping mapping = switch (kind) {
            case "public" -> registry.addPublic(options.publicPipe());
            case "private" -> registry.addPrivate(options.privatePipe());
            default -> throw mistake("unknown mapping type '" + type + "': expected public or private");
        };
        out.println("Added " + kind + " mapping " + mapping.id());
        MappingLines.added(mapping).print(out);
    }
}
