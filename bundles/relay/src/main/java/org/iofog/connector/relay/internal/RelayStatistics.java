package org.iofog.connector.relay.internal;

import java.util.concurrent.atomic.LongAdder;

/** Totals since the relay started, counted where the events happen (on the event loops). */
final class RelayStatistics {

    private final LongAdder authenticated = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder heartbeatTimeouts = new LongAdder();
    private final LongAdder allocationFailures = new LongAdder();

    void authenticated() {
        authenticated.increment();
    }

    /** A wrong passcode, or none within the authentication timeout. */
    void authFailed() {
        authFailures.increment();
    }

    void heartbeatTimedOut() {
        heartbeatTimeouts.increment();
    }

    void allocationFailed() {
        allocationFailures.increment();
    }

    long authenticatedTotal() {
        return authenticated.sum();
    }

    long authFailuresTotal() {
        return authFailures.sum();
    }

    long heartbeatTimeoutsTotal() {
        return heartbeatTimeouts.sum();
    }

    long allocationFailuresTotal() {
        return allocationFailures.sum();
    }
}
