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
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.transport.TransportSelection;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;

/** Shows the relay transport, or chooses another one through {@link TransportSelection}. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "transport",
        description = "Shows the relay transport; with a name (auto, nio, epoll, io_uring), moves the relay to it")
public class TransportCommand extends ConnectorAction {

    @Option(name = "--wait", description = "Seconds to wait for the relay to move before returning (0: do not wait)")
    int waitSeconds = 5;

    @Argument(index = 0, name = "name", required = false,
            description = "auto (the best present), nio, epoll or io_uring")
    @Completion(TransportNameCompleter.class)
    String name;

    @Reference
    TransportStatusProvider transports;

    @Reference(optional = true)
    TransportSettingsProvider settings;

    @Reference(optional = true)
    TransportSelection selection;

    @Override
    void run(PrintStream out) throws Exception {
        OptionRange.check("--wait", waitSeconds, 0, Integer.MAX_VALUE);
        if (name == null) {
            TransportLines.of(transports.transportStatus(), settings, Instant.now()).print(out);
            return;
        }
        String wanted = normalize(name);
        String choice = require(selection, "the transport selection").select(wanted);
        out.println("transport = " + choice + " set in " + TransportSettings.PID
                + ": the relay moves its ports in the background; connections already open finish where they are.");
        TransportStatus before = transports.transportStatus();
        TransportMove.absent(choice, before).ifPresent(out::println);
        if (waitSeconds > 0) {
            out.println(TransportMove.await(transports, before, TransportMove.expected(choice, before), waitSeconds));
        }
    }

    /** {@code auto} or a transport's name, {@code io-uring} and any case accepted; checked before it is stored. */
    static String normalize(String name) throws CommandException {
        return TransportSettings.transportName(name).orElseThrow(() -> mistake("'" + name
                + "' is not a transport name: auto, or the name of a transport (letters, digits and _);"
                + " connector:transport lists those present"));
    }
}
