package org.iofog.connector.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;

/**
 * The options of {@code connector:mapping-add}, each null when not given, turned into the pipe the Controller would
 * ask for: its defaults fill what is not given, and an option of the other type is a mistake, not something to
 * ignore silently.
 */
record PipeOptions(Integer maxConnections, Long heartbeatThreshold, Integer maxConnectionsPort1,
                   Integer maxConnectionsPort2, Long heartbeatThresholdPort1, Long heartbeatThresholdPort2) {

    /** What the Controller sends for a public pipe. */
    static final int PUBLIC_MAX_CONNECTIONS = 60;
    /** What the Controller sends for each port of a private pipe. */
    static final int PRIVATE_MAX_CONNECTIONS = 1;
    /** The Controller's heartbeat absence threshold, for every port. */
    static final long HEARTBEAT_THRESHOLD = 200_000;

    /** Every value given within what the pipe specs accept ({@link PublicPipeSpec}, {@link PrivatePipeSpec}). */
    PipeOptions checked() throws CommandException {
        OptionRange.check("--max-connections", maxConnections, 1, Integer.MAX_VALUE);
        OptionRange.check("--heartbeat-threshold", heartbeatThreshold, 0, Long.MAX_VALUE);
        OptionRange.check("--max-connections-port1", maxConnectionsPort1, 1, Integer.MAX_VALUE);
        OptionRange.check("--max-connections-port2", maxConnectionsPort2, 1, Integer.MAX_VALUE);
        OptionRange.check("--heartbeat-threshold-port1", heartbeatThresholdPort1, 0, Long.MAX_VALUE);
        OptionRange.check("--heartbeat-threshold-port2", heartbeatThresholdPort2, 0, Long.MAX_VALUE);
        return this;
    }

    PublicPipeSpec publicPipe() throws CommandException {
        refuse("public", given("--max-connections-port1", maxConnectionsPort1),
                given("--max-connections-port2", maxConnectionsPort2),
                given("--heartbeat-threshold-port1", heartbeatThresholdPort1),
                given("--heartbeat-threshold-port2", heartbeatThresholdPort2));
        return new PublicPipeSpec(or(maxConnections, PUBLIC_MAX_CONNECTIONS),
                or(heartbeatThreshold, HEARTBEAT_THRESHOLD));
    }

    PrivatePipeSpec privatePipe() throws CommandException {
        refuse("private", given("--max-connections", maxConnections),
                given("--heartbeat-threshold", heartbeatThreshold));
        return new PrivatePipeSpec(or(maxConnectionsPort1, PRIVATE_MAX_CONNECTIONS),
                or(maxConnectionsPort2, PRIVATE_MAX_CONNECTIONS), or(heartbeatThresholdPort1, HEARTBEAT_THRESHOLD),
                or(heartbeatThresholdPort2, HEARTBEAT_THRESHOLD));
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static String given(String option, Object value) {
        return value == null ? null : option;
    }

    /** {@code --max-connections-port1, --max-connections-port2 do not apply to a public mapping}. */
    private static void refuse(String kind, String... given) throws CommandException {
        List<String> wrong = new ArrayList<>();
        for (String option : given) {
            if (option != null) {
                wrong.add(option);
            }
        }
        if (!wrong.isEmpty()) {
            throw ConnectorAction.mistake(String.join(", ", wrong) + (wrong.size() == 1 ? " does" : " do")
                    + " not apply to a " + kind + " mapping");
        }
    }
}
