package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;

/** One mapping in detail; passcodes are masked unless asked for. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "mapping", description = "Shows one mapping in detail")
public class MappingCommand extends ConnectorAction {

    @Option(name = "--show-secrets", description = "Show the passcodes in full instead of their last 4 characters")
    boolean showSecrets;

    @Argument(index = 0, name = "id", required = true, description = "The mapping's id (connector:mappings lists them)")
    @Completion(MappingIdCompleter.class)
    String id;

    @Reference
    MappingRegistry registry;

    @Override
    void run(PrintStream out) throws CommandException {
        MappingStatus status = registry.status(id).orElseThrow(() -> unknown(id));
        MappingLines.details(status, showSecrets, Instant.now()).print(out);
    }

    static CommandException unknown(String id) {
        return mistake("unknown mapping id '" + id + "' (connector:mappings lists them)");
    }
}
