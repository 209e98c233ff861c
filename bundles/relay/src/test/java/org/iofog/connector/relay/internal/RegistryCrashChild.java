package org.iofog.connector.relay.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;

/**
 * Run in a separate JVM by the crash test: four threads add public mappings through a whole relay
 * (listeners and all) and print {@code ACK <id>} once each add has returned. The parent kills this JVM
 * in the middle; every ACKed id must then be in a valid mappings file. Stops by itself after the given
 * seconds.
 *
 * <p>Arguments: the mappings file (its folder is used), the seconds to run.
 */
public final class RegistryCrashChild {

    private static final int THREADS = 4;
    /** Each mapping holds two listening sockets: stay well inside the file descriptor limit. */
    private static final int MAX_MAPPINGS = 2_000;

    private RegistryCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        TestRelay relay = TestRelay.plain(file.getParent());
        PrintStream out = System.out;
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = new Thread(() -> {
                try {
                    while (System.nanoTime() < stopAt && relay.registry.statuses().size() < MAX_MAPPINGS) {
                        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
                        synchronized (out) {
                            out.println("ACK " + mapping.id());
                            out.flush();
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(2);
                }
            }, "adder-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        out.println("DONE");
        out.flush();
        relay.close();
    }
}
