package org.iofog.connector.shell.internal;

import static org.iofog.connector.shell.internal.MappingFormats.heartbeat;
import static org.iofog.connector.shell.internal.MappingFormats.secret;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;

/** One mapping as labelled lines: what the agents need once it is added, and its details with live figures. */
final class MappingLines {

    private MappingLines() {
    }

    /** The ports and passcodes of a pipe just opened, in full: the operator hands them on to the agents. */
    static Lines added(Mapping mapping) {
        if (mapping.type() == MappingType.PUBLIC) {
            return new Lines()
                    .add("Port 1 (agents)", mapping.port1())
                    .add("Passcode", mapping.passcodePort1())
                    .add("Max connections", mapping.maxConnectionsPort1())
                    .add("Heartbeat threshold", heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                    .add("Port 2 (public)", mapping.port2());
        }
        return new Lines()
                .add("Port 1", mapping.port1())
                .add("Port 1 passcode", mapping.passcodePort1())
                .add("Port 1 max connections", mapping.maxConnectionsPort1())
                .add("Port 1 heartbeat threshold", heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                .add("Port 2", mapping.port2())
                .add("Port 2 passcode", mapping.passcodePort2())
                .add("Port 2 max connections", mapping.maxConnectionsPort2())
                .add("Port 2 heartbeat threshold", heartbeat(mapping.heartbeatAbsenceThresholdPort2()));
    }

    /** Everything about one mapping; passcodes masked unless {@code showSecrets}. */
    static Lines details(MappingStatus status, boolean showSecrets, Instant now) {
        Mapping mapping = status.mapping();
        Lines lines = new Lines()
                .add("ID", mapping.id())
                .add("Type", MappingFormats.type(mapping.type()))
                .add("Created", mapping.created().truncatedTo(ChronoUnit.SECONDS) + " ("
                        + Formats.age(mapping.created(), now) + " ago)");
        switch (mapping.type()) {
            case PUBLIC -> bytes(lines
                    .add("Port 1 (agents)", mapping.port1() + listening(status.port1Listening()))
                    .add("Agent connections", status.agentsPort1() + "/" + mapping.maxConnectionsPort1())
                    .add("Passcode", secret(mapping.passcodePort1(), showSecrets))
                    .add("Heartbeat threshold", heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                    .add("Port 2 (public)", mapping.port2() + listening(status.port2Listening()))
                    .add("Public clients", status.publicClients()), status);
            case PRIVATE -> bytes(lines
                    .add("Port 1", mapping.port1() + listening(status.port1Listening()))
                    .add("Port 1 agents", status.agentsPort1() + "/" + mapping.maxConnectionsPort1())
                    .add("Port 1 passcode", secret(mapping.passcodePort1(), showSecrets))
                    .add("Port 1 heartbeat threshold", heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                    .add("Port 2", mapping.port2() + listening(status.port2Listening()))
                    .add("Port 2 agents", status.agentsPort2() + "/" + mapping.maxConnectionsPort2())
                    .add("Port 2 passcode", secret(mapping.passcodePort2(), showSecrets))
                    .add("Port 2 heartbeat threshold", heartbeat(mapping.heartbeatAbsenceThresholdPort2())),
                    status);
            case DIRECT -> lines.add("Passkey", secret(mapping.passcodePort1(), showSecrets));
        }
        return lines;
    }

    private static void bytes(Lines lines, MappingStatus status) {
        lines.add("Bytes port 1→2", bytes(status.bytesPort1ToPort2()))
                .add("Bytes port 2→1", bytes(status.bytesPort2ToPort1()));
    }

    /** {@code 2.0 KiB (2089)}: readable, and exact. */
    private static String bytes(long count) {
        return Formats.bytes(count) + " (" + count + ")";
    }

    private static String listening(boolean listening) {
        return listening ? ", listening" : ", NOT listening";
    }
}
