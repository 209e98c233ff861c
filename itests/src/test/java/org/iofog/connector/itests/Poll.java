package org.iofog.connector.itests;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
final class Poll {

    private Poll() {
    }

    static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last value: " + last);
            }
            Thread.sleep(50);
            last = probe.get();
        }
        return last;
    }
}
