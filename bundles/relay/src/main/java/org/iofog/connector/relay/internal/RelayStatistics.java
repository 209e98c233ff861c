package org.iofog.connector.relay.internal;

import java.util.concurrent.atomic.LongAdder;

/** Totals since the relay started, counted where the events happen (on the event loops). */
final class RelayStatistics {

    private final LongAdder authenticated = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder heartbeatTimeouts = new LongAdder();
    private final LongAdder allocationFailures = new LongAdder();
    private final LongAdder agentBytesDropped = new LongAdder();
    private final LongAdder sourceRefusals = new LongAdder();
    private final LongAdder throttledAuthentications = new LongAdder();

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

    /** Bytes a public pipe's agent connection sent while it had no client: dropped. */
    void agentBytesDropped(int bytes) {
        agentBytesDropped.add(bytes);
    }

    /** A public client closed at once: its address had its limit of waiting clients. */
    void sourceRefused() {
        sourceRefusals.increment();
    }

    /** A wrong passcode answered late by the slow-down. */
    void authThrottled() {
        throttledAuthentications.increment();
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

    long agentBytesDroppedTotal() {
        return agentBytesDropped.sum();
    }

    long sourceRefusalsTotal() {
        return sourceRefusals.sum();
    }

    long throttledAuthenticationsTotal() {
        return throttledAuthentications.sum();
    }
}
