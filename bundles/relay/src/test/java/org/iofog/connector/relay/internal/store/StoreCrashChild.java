package org.iofog.connector.relay.internal.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.iofog.connector.api.mapping.Mapping;

/**
 * Run in a separate JVM by {@link CrashSafetyTest}: four threads add mappings through a group-committing
 * {@link MappingStore} and print {@code ACK <id>} once each add is durable. The parent kills this JVM at a
 * random moment; every ACKed id must then be in a valid file. Stops by itself after the given seconds.
 *
 * <p>Arguments: the mappings file, the seconds to run.
 */
public final class StoreCrashChild {

    private static final int THREADS = 4;
    // Ports for public and private pipes come from 1024 upwards, two per mapping.
    private static final int MAX_MAPPINGS = (65535 - 1024) / 2;

    private StoreCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        FakeRegistry registry = new FakeRegistry();
        MappingStore store = new MappingStore(file, registry::snapshot);
        PrintStream out = System.out;
        AtomicInteger next = new AtomicInteger();

        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = new Thread(() -> {
                int n;
                while (System.nanoTime() < stopAt && (n = next.getAndIncrement()) < MAX_MAPPINGS) {
                    Mapping mapping = mapping(n);
                    try {
                        store.awaitDurable(registry.add(mapping));
                    } catch (IOException e) {
                        e.printStackTrace();
                        System.exit(2);
                    }
                    synchronized (out) {
                        out.println("ACK " + mapping.id());
                        out.flush();
                    }
                }
            }, "adder-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        out.println("DONE");
        out.flush();
    }

    private static Mapping mapping(int n) {
        int port = 1024 + 2 * n;
        switch (n % 3) {
            case 0:
                return FakeRegistry.publicMapping(port, port + 1);
            case 1:
                return FakeRegistry.privateMapping(port, port + 1);
            default:
                return FakeRegistry.directMapping();
        }
    }
}
