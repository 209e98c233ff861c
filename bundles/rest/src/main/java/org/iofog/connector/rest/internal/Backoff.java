package org.iofog.connector.rest.internal;

/**
 * Delays between attempts to bind: short at first, so a port freed a moment later is taken quickly,
 * then doubling up to a ceiling, so a port that stays taken costs little. Not thread-safe.
 */
final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;
    private int failures;

    Backoff(long firstMillis, long maxMillis) {
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = firstMillis;
    }

    /** Counts a failure and returns how long to wait before the next attempt. */
    long failed() {
        failures++;
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    /** Failures since the last {@link #reset}. */
    int failures() {
        return failures;
    }

    void reset() {
        nextMillis = firstMillis;
        failures = 0;
    }
}
