package org.iofog.connector.relay.internal;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows down addresses that keep sending wrong passcodes. The real agent redials at once after a
 * closed connection, so a wrong passcode would otherwise cost hundreds of handshakes a second.
 *
 * <p>After {@value #FREE_FAILURES} failures within {@value #WINDOW_SECONDS} s every further answer
 * to that address (close or {@code AUTHORIZED}) is delayed, doubling up to {@value #MAX_DELAY_MILLIS}
 * ms. A correct passcode is never refused, only answered later, and it clears the address's record.
 * Loopback callers are exempt: the local tools must never be slowed by a misbehaving local agent.
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
    private final boolean exemptLoopback;
    private final LongSupplier nanoClock;

    AuthThrottle() {
        this(true, System::nanoTime);
    }

    AuthThrottle(boolean exemptLoopback, LongSupplier nanoClock) {
        this.exemptLoopback = exemptLoopback;
        this.nanoClock = nanoClock;
    }

    /** How long to wait before answering this address, in milliseconds. */
    long delayMillis(InetAddress address) {
        if (exempt(address)) {
            return 0;
        }
        Failures record = current(address);
        if (record == null || record.count() < FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(record.count() - FREE_FAILURES, 10);
        return Math.min(FIRST_DELAY_MILLIS << doublings, MAX_DELAY_MILLIS);
    }

    void failed(InetAddress address) {
        if (exempt(address)) {
            return;
        }
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        long now = nanoClock.getAsLong();
        failures.compute(address, (key, old) -> old == null || expired(old, now)
                ? new Failures(1, now) : new Failures(old.count() + 1, old.firstNanos()));
    }

    void succeeded(InetAddress address) {
        failures.remove(address);
    }

    private Failures current(InetAddress address) {
        Failures record = failures.get(address);
        if (record != null && expired(record, nanoClock.getAsLong())) {
            failures.remove(address, record);
            return null;
        }
        return record;
    }

    private boolean exempt(InetAddress address) {
        return address == null || (exemptLoopback && address.isLoopbackAddress());
    }

    private static boolean expired(Failures record, long now) {
        return now - record.firstNanos() > TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
    }
}
