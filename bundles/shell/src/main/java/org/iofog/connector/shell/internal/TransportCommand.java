package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.iofog.connector.support.Dictionaries;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Shows the relay transport, or chooses another one by changing {@code transport} in
 * {@code org.iofog.connector.transport} (the other properties of that configuration stay as they are).
 */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "transport",
        description = "Shows the relay transport; with a name (auto, nio, epoll, io_uring), moves the relay to it")
public class TransportCommand extends ConnectorAction {

    static final String PROPERTY = "transport";

    @Argument(index = 0, name = "name", required = false,
            description = "auto (the best present), nio, epoll or io_uring")
    @Completion(TransportNameCompleter.class)
    String name;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "--wait may also follow the name")
    List<String> lateOptions;

    @Option(name = "--wait", description = "Seconds to wait for the relay to move before returning (0: do not wait)")
    int waitSeconds = 5;

    @Reference
    TransportStatusProvider transports;

    @Reference(optional = true)
    TransportSettingsProvider settings;

    @Reference(optional = true)
    ConfigurationAdmin configurationAdmin;

    @Override
    void run(PrintStream out) throws Exception {
        waitSeconds = LateOptions.parse(lateOptions, Set.of(), Set.of("--wait"))
                .integer("--wait", waitSeconds, 0, Integer.MAX_VALUE);
        if (name == null) {
            show(out);
        } else {
            change(out);
        }
    }

    private void show(PrintStream out) {
        TransportStatus status = transports.transportStatus();
        Lines lines = new Lines();
        if (settings != null) {
            lines.add("Configured", settings.current().transport() + settings.problem()
                    .map(p -> " (latest configuration rejected: " + p + ")").orElse(""));
        }
        lines.add("Active", status.active());
        lines.add("I/O threads", status.ioThreads());
        lines.add("Splicing", status.splicing() ? "yes" : "no");
        lines.add("Draining", describeDraining(status, Instant.now()));
        lines.add("Available", String.join(", ", status.available()));
        lines.print(out);
    }

    private void change(PrintStream out) throws Exception {
        String choice = normalize(name);
        ConfigurationAdmin admin = require(configurationAdmin, "Config Admin");
        Configuration configuration = admin.getConfiguration(TransportSettings.PID, "?");
        Dictionary<String, Object> properties = Dictionaries.copyOf(configuration.getProperties());
        properties.put(PROPERTY, choice);
        configuration.update(properties);
        out.println("transport = " + choice + " set in " + TransportSettings.PID
                + ": the relay moves its ports in the background; connections already open finish where they are.");

        TransportStatus before = transports.transportStatus();
        String expected = expected(choice, before);
        if (!choice.equals(TransportSettings.AUTO) && !before.available().contains(choice)) {
            out.println(choice + " is not present here (available: " + String.join(", ", before.available())
                    + "); the relay uses the best one present: " + expected + ".");
        }
        if (waitSeconds == 0) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        TransportStatus now = before;
        // Compared by difference: a long --wait may take the deadline past Long.MAX_VALUE (System.nanoTime's contract).
        while (!now.active().equals(expected) && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            now = transports.transportStatus();
        }
        if (now.active().equals(expected)) {
            out.println("Relay now on " + describeActive(now) + "; draining: " + describeDraining(now, Instant.now()));
        } else {
            out.println("Relay still on " + now.active() + " after " + waitSeconds + " s (expected " + expected
                    + "); connector:transport shows when it has moved, data/log/karaf.log says why not.");
        }
    }

    /** The value to write: {@code auto} or a transport's name, {@code io-uring} and any case accepted. */
    static String normalize(String name) throws CommandException {
        return TransportSettings.transportName(name).orElseThrow(() -> mistake("'" + name
                + "' is not a transport name: auto, or the name of a transport (letters, digits and _);"
                + " connector:transport lists those present"));
    }

    /** Where the relay should end up: the choice when present, else the best transport present. */
    static String expected(String choice, TransportStatus status) {
        if (!choice.equals(TransportSettings.AUTO) && status.available().contains(choice)) {
            return choice;
        }
        return status.available().isEmpty() ? status.active() : status.available().get(0);
    }

    /** {@code epoll, 2 I/O threads, splicing}. */
    static String describeActive(TransportStatus status) {
        return status.active() + ", " + Formats.count(status.ioThreads(), "I/O thread")
                + (status.splicing() ? ", splicing" : "");
    }

    /** {@code none}, or {@code nio (3 connections, closed at 2025-01-01T10:00:00Z, in 4m 59s)} for each. */
    static String describeDraining(TransportStatus status, Instant now) {
        if (status.draining().isEmpty()) {
            return "none";
        }
        return status.draining().stream()
                .map(d -> d.name() + " (" + Formats.count(d.connections(), "connection") + ", the rest closed at "
                        + d.deadline().truncatedTo(ChronoUnit.SECONDS) + ", " + Formats.relative(d.deadline(), now)
                        + ")")
                .collect(Collectors.joining("; "));
    }
}
