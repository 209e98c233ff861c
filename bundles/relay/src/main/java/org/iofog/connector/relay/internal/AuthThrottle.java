package org.iofog.connector.relay.internal;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows down addresses that keep sending wrong passcodes. The real agent redials at once after a
 * closed connection, so a wrong passcode would otherwise cost thousands of handshakes a second
 * (docs/protocol.md §3: 1,976 dials a second from the same host).
 *
 * <p>After {@value #FREE_FAILURES} failures within {@value #WINDOW_SECONDS} s the close answering each
 * further wrong passcode from that address is delayed, doubling from the first delay up to the largest.
 * Every address is slowed down, loopback included: an agent or a proxy on the connector's own host
 * redials just as fast. A correct passcode is never refused or delayed, whoever else failed from the
 * same address, and does not clear the address's record (a local attacker could otherwise reset it
 * through a real agent's logins).
 */
final class AuthThrottle {

    static final int FREE_FAILURES = 3;
    static final int WINDOW_SECONDS = 60;
    static final long FIRST_DELAY_MILLIS = 100;
    static final long MAX_DELAY_MILLIS = 5_000;
    /** Bounds memory under a flood from many addresses; the records are only a courtesy. */
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, long firstNanos) {
    }

    private final ConcurrentHashMap<InetAddress, Failures> failures = new ConcurrentHashMap<>();
    private final long firstDelayMillis;
    private final long maxDelayMillis;
    private final LongSupplier nanoClock;

    AuthThrottle() {
        this(FIRST_DELAY_MILLIS, MAX_DELAY_MILLIS, System::nanoTime);
    }

    AuthThrottle(long firstDelayMillis, long maxDelayMillis, LongSupplier nanoClock) {
        this.firstDelayMillis = firstDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.nanoClock = nanoClock;
    }

    /**
     * Records a wrong passcode from the address.
     *
     * @return how long to wait before closing the connection, in milliseconds
     */
    long failed(InetAddress address) {
        if (address == null) {
            return 0;
        }
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        long now = nanoClock.getAsLong();
        Failures record = failures.compute(address, (key, old) -> old == null || expired(old, now)
                ? new Failures(1, now) : new Failures(old.count() + 1, old.firstNanos()));
        if (record.count() <= FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(record.count() - FREE_FAILURES - 1, 16);
        return Math.min(firstDelayMillis << doublings, maxDelayMillis);
    }

    private static boolean expired(Failures record, long now) {
        return now - record.firstNanos() > TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
    }
}
