package org.iofog.connector.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;

/** What follows a choice of transport: where the relay should end up, and whether it got there in time. */
final class TransportMove {

    private TransportMove() {
    }

    /** Where the relay should end up: the choice when present, else the best transport present. */
    static String expected(String choice, TransportStatus status) {
        if (!choice.equals(TransportSettings.AUTO) && status.available().contains(choice)) {
            return choice;
        }
        return status.available().isEmpty() ? status.active() : status.available().get(0);
    }

    /** The warning for a choice no registered transport has: the relay keeps to the best one present. */
    static Optional<String> absent(String choice, TransportStatus status) {
        if (choice.equals(TransportSettings.AUTO) || status.available().contains(choice)) {
            return Optional.empty();
        }
        return Optional.of(choice + " is not present here (available: " + String.join(", ", status.available())
                + "); the relay uses the best one present: " + expected(choice, status) + ".");
    }

    /**
     * Polls the relay until it runs on {@code expected} or {@code waitSeconds} pass, and says where it is.
     *
     * @param before the status read right after the choice was stored
     */
    static String await(TransportStatusProvider transports, TransportStatus before, String expected, int waitSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        TransportStatus now = before;
        // Compared by difference: a long --wait may take the deadline past Long.MAX_VALUE (System.nanoTime's contract).
        while (!now.active().equals(expected) && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            now = transports.transportStatus();
        }
        if (now.active().equals(expected)) {
            return "Relay now on " + TransportLines.describeActive(now) + "; draining: "
                    + TransportLines.describeDraining(now, Instant.now());
        }
        return "Relay still on " + now.active() + " after " + waitSeconds + " s (expected " + expected
                + "); connector:transport shows when it has moved, data/log/karaf.log says why not.";
    }
}
