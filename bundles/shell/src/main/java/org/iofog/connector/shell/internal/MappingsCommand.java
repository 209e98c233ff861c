package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;

/** Every mapping, oldest first, with its live figures. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "mappings",
        description = "Lists the mappings: ports, agent connections, public clients, bytes relayed, age")
public class MappingsCommand extends ConnectorAction {

    @Reference
    MappingRegistry registry;

    @Override
    void run(PrintStream out) {
        table(registry.statuses(), Instant.now()).print(out);
    }

    static ShellTable table(List<MappingStatus> statuses, Instant now) {
        ShellTable table = new ShellTable().emptyTableText("No mappings.");
        table.column("ID");
        table.column("Type");
        table.column("Ports");
        table.column("Agents").alignRight();
        table.column("Clients").alignRight();
        table.column("Bytes 1→2").alignRight();
        table.column("Bytes 2→1").alignRight();
        table.column("Age").alignRight();
        for (MappingStatus status : statuses) {
            table.addRow().addContent(status.mapping().id(), MappingFormats.type(status.mapping().type()),
                    MappingFormats.ports(status.mapping()), MappingFormats.agents(status),
                    MappingFormats.publicClients(status),
                    Formats.bytes(status.bytesPort1ToPort2()), Formats.bytes(status.bytesPort2ToPort1()),
                    Formats.age(status.mapping().created(), now));
        }
        return table;
    }
}
