package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;

/**
 * Opens a public or private pipe as the Controller would, with the Controller's defaults, and prints what
 * the agents need: the ports and the passcodes.
 */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "mapping-add",
        description = "Opens a public or private pipe and prints its id, ports and passcodes")
public class MappingAddCommand extends ConnectorAction {

    /** What the Controller sends for a public pipe. */
    static final int PUBLIC_MAX_CONNECTIONS = 60;
    /** What the Controller sends for each port of a private pipe. */
    static final int PRIVATE_MAX_CONNECTIONS = 1;
    /** The Controller's heartbeat absence threshold, for every port. */
    static final long HEARTBEAT_THRESHOLD = 200_000;

    @Argument(index = 0, name = "type", required = true, description = "public or private")
    @Completion(MappingTypeCompleter.class)
    String type;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "The options below may also follow the type: public --max-connections 10")
    List<String> lateOptions;

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

    @Reference
    MappingRegistry registry;

    @Override
    void run(PrintStream out) throws NoAvailablePortsException, MappingException, CommandException {
        readLateOptions();
        String kind = type.strip().toLowerCase(Locale.ROOT);
        Mapping mapping;
        switch (kind) {
            case "public" -> {
                refuse("public", Arrays.asList(option("--max-connections-port1", maxConnectionsPort1),
                        option("--max-connections-port2", maxConnectionsPort2),
                        option("--heartbeat-threshold-port1", heartbeatThresholdPort1),
                        option("--heartbeat-threshold-port2", heartbeatThresholdPort2)));
                mapping = registry.addPublic(new PublicPipeSpec(
                        maxConnections != null ? maxConnections : PUBLIC_MAX_CONNECTIONS,
                        heartbeatThreshold != null ? heartbeatThreshold : HEARTBEAT_THRESHOLD));
            }
            case "private" -> {
                refuse("private", Arrays.asList(option("--max-connections", maxConnections),
                        option("--heartbeat-threshold", heartbeatThreshold)));
                mapping = registry.addPrivate(new PrivatePipeSpec(
                        maxConnectionsPort1 != null ? maxConnectionsPort1 : PRIVATE_MAX_CONNECTIONS,
                        maxConnectionsPort2 != null ? maxConnectionsPort2 : PRIVATE_MAX_CONNECTIONS,
                        heartbeatThresholdPort1 != null ? heartbeatThresholdPort1 : HEARTBEAT_THRESHOLD,
                        heartbeatThresholdPort2 != null ? heartbeatThresholdPort2 : HEARTBEAT_THRESHOLD));
            }
            default -> throw mistake("unknown mapping type '" + type + "': expected public or private");
        }
        out.println("Added " + kind + " mapping " + mapping.id());
        Lines lines = new Lines();
        if (kind.equals("public")) {
            lines.add("Port 1 (agents)", mapping.port1())
                    .add("Passcode", mapping.passcodePort1())
                    .add("Max connections", mapping.maxConnectionsPort1())
                    .add("Heartbeat threshold", Formats.heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                    .add("Port 2 (public)", mapping.port2());
        } else {
            lines.add("Port 1", mapping.port1())
                    .add("Port 1 passcode", mapping.passcodePort1())
                    .add("Port 1 max connections", mapping.maxConnectionsPort1())
                    .add("Port 1 heartbeat threshold", Formats.heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                    .add("Port 2", mapping.port2())
                    .add("Port 2 passcode", mapping.passcodePort2())
                    .add("Port 2 max connections", mapping.maxConnectionsPort2())
                    .add("Port 2 heartbeat threshold", Formats.heartbeat(mapping.heartbeatAbsenceThresholdPort2()));
        }
        lines.print(out);
    }

    /**
     * Reads the options typed after the type and checks every value against what the pipe specs accept
     * ({@link PublicPipeSpec}, {@link PrivatePipeSpec}), so that a wrong number is refused in the console's words
     * (the option's name and its range) rather than in the API's field names.
     */
    private void readLateOptions() throws CommandException {
        LateOptions late = LateOptions.parse(lateOptions, Set.of(), Set.of("--max-connections",
                "--heartbeat-threshold", "--max-connections-port1", "--max-connections-port2",
                "--heartbeat-threshold-port1", "--heartbeat-threshold-port2"));
        maxConnections = late.integer("--max-connections", maxConnections, 1, Integer.MAX_VALUE);
        heartbeatThreshold = late.longValue("--heartbeat-threshold", heartbeatThreshold, 0, Long.MAX_VALUE);
        maxConnectionsPort1 = late.integer("--max-connections-port1", maxConnectionsPort1, 1, Integer.MAX_VALUE);
        maxConnectionsPort2 = late.integer("--max-connections-port2", maxConnectionsPort2, 1, Integer.MAX_VALUE);
        heartbeatThresholdPort1 = late.longValue("--heartbeat-threshold-port1", heartbeatThresholdPort1, 0,
                Long.MAX_VALUE);
        heartbeatThresholdPort2 = late.longValue("--heartbeat-threshold-port2", heartbeatThresholdPort2, 0,
                Long.MAX_VALUE);
        lateOptions = null;
    }

    private static String option(String name, Object value) {
        return value == null ? null : name;
    }

    /** Options of the other type are a mistake, not something to ignore silently. */
    private static void refuse(String kind, List<String> given) throws CommandException {
        List<String> wrong = new ArrayList<>();
        for (String name : given) {
            if (name != null) {
                wrong.add(name);
            }
        }
        if (!wrong.isEmpty()) {
            throw mistake(String.join(", ", wrong) + (wrong.size() == 1 ? " does" : " do")
                    + " not apply to a " + kind + " mapping");
        }
    }
}
