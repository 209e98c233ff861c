package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;

/** One mapping in detail; passcodes are masked unless asked for. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "mapping", description = "Shows one mapping in detail")
public class MappingCommand extends ConnectorAction {

    @Argument(index = 0, name = "id", required = true, description = "The mapping's id (connector:mappings lists them)")
    @Completion(MappingIdCompleter.class)
    String id;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "--show-secrets may also follow the id")
    List<String> lateOptions;

    @Option(name = "--show-secrets", description = "Show the passcodes in full instead of their last 4 characters")
    boolean showSecrets;

    @Reference
    MappingRegistry registry;

    @Override
    void run(PrintStream out) throws CommandException {
        showSecrets = LateOptions.parse(lateOptions, Set.of("--show-secrets"), Set.of())
                .flag("--show-secrets", showSecrets);
        MappingStatus status = registry.status(id).orElseThrow(() -> unknown(id));
        details(status, showSecrets, Instant.now()).print(out);
    }

    static CommandException unknown(String id) {
        return mistake("unknown mapping id '" + id + "' (connector:mappings lists them)");
    }

    static Lines details(MappingStatus status, boolean showSecrets, Instant now) {
        Mapping mapping = status.mapping();
        Lines lines = new Lines()
                .add("ID", mapping.id())
                .add("Type", Formats.type(mapping.type()))
                .add("Created", mapping.created().truncatedTo(ChronoUnit.SECONDS) + " ("
                        + Formats.age(mapping.created(), now) + " ago)");
        switch (mapping.type()) {
            case PUBLIC -> {
                lines.add("Port 1 (agents)", mapping.port1() + listening(status.port1Listening()))
                        .add("Agent connections", status.agentsPort1() + "/" + mapping.maxConnectionsPort1())
                        .add("Passcode", Formats.secret(mapping.passcodePort1(), showSecrets))
                        .add("Heartbeat threshold", Formats.heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                        .add("Port 2 (public)", mapping.port2() + listening(status.port2Listening()))
                        .add("Public clients", status.publicClients());
                bytes(lines, status);
            }
            case PRIVATE -> {
                lines.add("Port 1", mapping.port1() + listening(status.port1Listening()))
                        .add("Port 1 agents", status.agentsPort1() + "/" + mapping.maxConnectionsPort1())
                        .add("Port 1 passcode", Formats.secret(mapping.passcodePort1(), showSecrets))
                        .add("Port 1 heartbeat threshold", Formats.heartbeat(mapping.heartbeatAbsenceThresholdPort1()))
                        .add("Port 2", mapping.port2() + listening(status.port2Listening()))
                        .add("Port 2 agents", status.agentsPort2() + "/" + mapping.maxConnectionsPort2())
                        .add("Port 2 passcode", Formats.secret(mapping.passcodePort2(), showSecrets))
                        .add("Port 2 heartbeat threshold", Formats.heartbeat(mapping.heartbeatAbsenceThresholdPort2()));
                bytes(lines, status);
            }
            case DIRECT -> lines.add("Passkey", Formats.secret(mapping.passcodePort1(), showSecrets));
        }
        return lines;
    }

    private static void bytes(Lines lines, MappingStatus status) {
        lines.add("Bytes port 1→2", Formats.bytes(status.bytesPort1ToPort2()) + " (" + status.bytesPort1ToPort2() + ")")
                .add("Bytes port 2→1", Formats.bytes(status.bytesPort2ToPort1()) + " (" + status.bytesPort2ToPort1() + ")");
    }

    private static String listening(boolean listening) {
        return listening ? ", listening" : ", NOT listening";
    }
}
