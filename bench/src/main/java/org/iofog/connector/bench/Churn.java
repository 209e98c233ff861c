package org.iofog.connector.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connection churn: clients that connect, send a 64-byte request, read the 64-byte answer and disconnect, as fast
 * as they can; on the other side answerers that take one session per connection and then wait for it to close.
 * Through the connector the answerers are fake agents that authenticate again after every session, because the
 * connector closes an agent's connection when its public client leaves (docs/protocol.md §3, public pipe); directly,
 * they are threads accepting on one server socket.
 */
final class Churn {

    static final int MESSAGE_BYTES = 64;
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);

    /**
     * @param sessionsPerSecond client sessions completed per second of the window
     * @param sessions          sessions completed in the window
     * @param served            sessions the answering side completed in all (warm-up included)
     * @param cpu               how busy the cores were during the window
     */
    record Result(double sessionsPerSecond, long sessions, long served, Cpu.Usage cpu) {
    }

    /** Where an answerer gets its next connection from: an accept, or a new authenticated agent connection. */
    @FunctionalInterface
    interface Source {
        Socket next() throws IOException;
    }

    private Churn() {
    }

    /** Answerers accepting on {@code server}: the direct baseline. Closing them closes the server. */
    static Answerers direct(ServerSocket server, int threads) {
        return new Answerers(() -> Net.accept(server), threads, server);
    }

    /** Fake agents on a public pipe's {@code port1}, each authenticating again after every session. */
    static Answerers agents(Net.Dialer dialer, int port1, String passcode, int agents) {
        return new Answerers(() -> dialer.agent(port1, passcode), agents, null);
    }

    /**
     * Runs {@code clients} client loops against {@code port}: first for {@code warmup}, then for {@code window},
     * counting the sessions completed in the window. Each loop stops at the window's end or after
     * {@code maxSessionsEach} sessions; every answer is checked byte for byte.
     */
    static Result run(Net.Dialer dialer, int port, int clients, Duration warmup, Duration window,
            long maxSessionsEach, Answerers answerers) throws IOException, InterruptedException {
        AtomicLong completed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long end = windowStart + window.toNanos();
        AtomicLong atWindowStart = new AtomicLong(-1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int tag = c;
            threads.add(Throughput.start("bench-churn-client-" + c, () -> {
                byte[] request = Net.payload(MESSAGE_BYTES, 'a' + tag);
                byte[] answer = new byte[MESSAGE_BYTES];
                for (long i = 0; i < maxSessionsEach && System.nanoTime() < end && failure.get() == null; i++) {
                    try (Socket socket = dialer.connect(port)) {
                        request[1] = (byte) i;
                        socket.getOutputStream().write(request);
                        int got = socket.getInputStream().readNBytes(answer, 0, MESSAGE_BYTES);
                        if (got != MESSAGE_BYTES || !Arrays.equals(answer, request)) {
                            throw new IOException("session " + i + ": wrong answer (" + got + " bytes)");
                        }
                    }
                    completed.incrementAndGet();
                }
            }, failure));
        }
        while (System.nanoTime() < windowStart && failure.get() == null) {
            Thread.sleep(1);
        }
        atWindowStart.set(completed.get());
        Cpu.Snapshot cpu0 = Cpu.Snapshot.now();
        long windowStartActual = System.nanoTime();
        for (Thread thread : threads) { // each ends at the window's end, within one session's time
            thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + Net.IO_TIMEOUT_MILLIS));
        }
        long windowNanos = Math.max(1, System.nanoTime() - windowStartActual);
        Cpu.Usage cpu = cpu0.until(Cpu.Snapshot.now());
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                throw new IOException("a churn client did not end: " + thread.getName());
            }
        }
        Throwable cause = failure.get();
        if (cause == null) {
            cause = answerers.failure();
        }
        if (cause != null) {
            throw new IOException("churn failed: " + cause, cause);
        }
        long sessions = completed.get() - atWindowStart.get();
        return new Result(sessions / (windowNanos / 1e9), sessions, answerers.served(), cpu);
    }

    /**
     * Threads that each take a connection from their {@link Source}, read one request (heartbeating while they
     * wait, as agents do), answer it, wait until the other side closes, and start over.
     */
    static final class Answerers implements AutoCloseable {

        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong served = new AtomicLong();
        private final Closeable owned;
        private volatile boolean closed;

        Answerers(Source source, int count, Closeable owned) {
            this.owned = owned;
            for (int i = 0; i < count; i++) {
                threads.add(Throughput.start("bench-churn-answerer-" + i, () -> serve(source), failure));
            }
        }

        private void serve(Source source) throws IOException {
            byte[] request = new byte[MESSAGE_BYTES];
            while (!closed) {
                Socket socket;
                try {
                    socket = source.next();
                } catch (SocketTimeoutException idle) {
                    continue; // an accept that met no client: nobody is churning now
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    throw e;
                }
                open.add(socket);
                if (closed) { // close() may have gone over the open sockets before this one was added
                    Net.closeQuietly(socket);
                    return;
                }
                try {
                    // Bounded: a session nobody starts within this long fails the run.
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    int got = FakeAgent.readRelayed(socket, request, MESSAGE_BYTES, HEARTBEAT, deadline);
                    if (got != MESSAGE_BYTES) {
                        if (closed) {
                            return;
                        }
                        throw new IOException("a session ended after " + got + " bytes of its request");
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    FakeAgent.awaitClose(socket, HEARTBEAT, deadline);
                    served.incrementAndGet();
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    throw e;
                } finally {
                    open.remove(socket);
                    Net.closeQuietly(socket);
                }
            }
        }

        long served() {
            return served.get();
        }

        Throwable failure() {
            return failure.get();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            Net.closeQuietly(owned);
            open.forEach(Net::closeQuietly);
            Throughput.joinAll(threads);
        }
    }
}
