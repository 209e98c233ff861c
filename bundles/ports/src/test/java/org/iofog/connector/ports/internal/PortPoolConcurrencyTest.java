package org.iofog.connector.ports.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.junit.Test;

public class PortPoolConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 20_000;
    /** Pairs one thread holds at most; 8 threads x 3 pairs = 48 ports, below the 64 in the range. */
    private static final int HELD_PER_THREAD = 3;

    @Test(timeout = 120_000)
    public void manyThreadsNeverHoldTheSamePortAtOnce() throws Exception {
        PortPool pool = new PortPool(List.of(new PortRange(6000, 6063)), List.of());
        // 1 while some thread holds the port; set after allocatePair returns, cleared before release.
        AtomicIntegerArray holder = new AtomicIntegerArray(65536);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        // Says one port in ten is held by another process, so busy ports move around under contention,
        // and checks the pool never probes a port that is handed out.
        PortProbe probe = port -> {
            if (holder.get(port) != 0) {
                failures.add("probed port " + port + " while it was handed out");
            }
            return ThreadLocalRandom.current().nextInt(10) != 0;
        };

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                Deque<PortPair> held = new ArrayDeque<>();
                try {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        if (held.size() == HELD_PER_THREAD) {
                            release(pool, holder, held.removeFirst());
                        }
                        PortPair pair = pool.allocatePair(probe);
                        for (int port : new int[] {pair.port1(), pair.port2()}) {
                            if (!holder.compareAndSet(port, 0, 1)) {
                                failures.add("port " + port + " handed out twice");
                            }
                        }
                        held.addLast(pair);
                    }
                    while (!held.isEmpty()) {
                        release(pool, holder, held.removeFirst());
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(Thread.currentThread().getName() + ": " + e);
                }
            }, "allocator-" + t);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(List.of(), new ArrayList<>(failures));
        assertEquals(64, pool.freeCount());
        assertEquals(0, pool.usedCount());
        assertEquals(64, pool.usage().free());
    }

    private static void release(PortPool pool, AtomicIntegerArray holder, PortPair pair) {
        holder.set(pair.port1(), 0);
        holder.set(pair.port2(), 0);
        pool.release(pair.port1());
        pool.release(pair.port2());
    }
}
