package org.iofog.connector.shell.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.transport.TransportStatus;

/** How the commands show the relay's transport: connector:transport's lines, and the phrases status shares. */
final class TransportLines {

    private TransportLines() {
    }

    /** @param settings null when the settings bundle is not there: the configured line is left out */
    static Lines of(TransportStatus status, TransportSettingsProvider settings, Instant now) {
        Lines lines = new Lines();
        if (settings != null) {
            lines.add("Configured", settings.current().transport() + settings.problem()
                    .map(p -> " (latest configuration rejected: " + p + ")").orElse(""));
        }
        return lines.add("Active", status.active())
                .add("I/O threads", status.ioThreads())
                .add("Splicing", status.splicing() ? "yes" : "no")
                .add("Draining", describeDraining(status, now))
                .add("Available", String.join(", ", status.available()));
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
