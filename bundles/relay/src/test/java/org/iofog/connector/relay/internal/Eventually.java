package org.iofog.connector.relay.internal;

import java.util.function.Supplier;

/** Waits for a condition with a deadline, for state the relay updates just after a socket event. */
final class Eventually {

    private Eventually() {
    }

    static <T> void equal(String what, T expected, Supplier<T> actual) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        T last = actual.get();
        while (!expected.equals(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + " but was " + last);
            }
            Thread.sleep(10);
            last = actual.get();
        }
    }
}
