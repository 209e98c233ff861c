package org.iofog.connector.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingType;

/** Closes a mapping, its listeners and connections, and releases its ports. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "mapping-remove",
        description = "Removes a mapping: closes its ports and connections and releases the ports")
public class MappingRemoveCommand extends ConnectorAction {

    @Argument(index = 0, name = "id", required = true, description = "The mapping's id (connector:mappings lists them)")
    @Completion(MappingIdCompleter.class)
    String id;

    @Reference
    MappingRegistry registry;

    @Override
    void run(PrintStream out) throws MappingException, CommandException {
        Mapping mapping = registry.status(id).orElseThrow(() -> MappingCommand.unknown(id)).mapping();
        if (!registry.remove(id)) {
            throw MappingCommand.unknown(id);
        }
        out.println("Removed " + MappingFormats.type(mapping.type()) + " mapping " + mapping.id()
                + (mapping.type() == MappingType.DIRECT ? ""
                        : "; ports " + MappingFormats.ports(mapping) + " released"));
    }
}
