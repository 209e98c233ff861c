package org.iofog.connector.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections: approximate, but stable enough to compare per-object costs. */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /**
     * @param usedBefore bytes of heap in use before the objects were made
     * @param usedAfter  bytes of heap in use with the objects alive
     * @param count      how many objects
     * @param addMillis  how long making them took
     */
    record Result(long usedBefore, long usedAfter, int count, long addMillis) {
        double bytesEach() {
            return (double) (usedAfter - usedBefore) / count;
        }
    }

    private Heap() {
    }

    /** Heap in use after a few explicit full collections: the smallest reading. */
    static long usedAfterFullGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(150);
            least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
