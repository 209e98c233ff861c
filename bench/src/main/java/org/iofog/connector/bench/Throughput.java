package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Writers push 64 KiB writes as fast as they can; sinks read and discard. Throughput is what the
 * sinks receive during the measured windows, so it counts only bytes that made it all the way through.
 *
 * <p>Every configuration (direct, and each relayed one) is a {@link StreamSet} whose connections stay
 * open for the whole phase; {@link #rotate} lets one set push at a time, round after round, so that a
 * drift of the machine's speed during the run (other load, the hypervisor) touches all of them alike.
 */
final class Throughput {

    static final int WRITE_BYTES = 64 * 1024;
    private static final int SINK_POLL_MILLIS = 1_000;
    private static final long JOIN_MILLIS = 10_000;

    /**
     * @param megabytesPerSecond 10^6 bytes per second received by all sinks together, over all windows
     * @param slowestRound       the lowest figure of one window
     * @param fastestRound       the highest figure of one window
     * @param cpu                how busy the cores were during the windows, and with what
     * @param allDelivered       whether, after the writers stopped, the sinks had received every byte written
     * @param sameLoopPairs      writer/sink pairs whose two relay connections share one event loop; -1 when not asked
     * @param loopLoad           how many relay connections each event loop serves, e.g. "4+4"; empty when not asked
     */
    record Result(double megabytesPerSecond, double slowestRound, double fastestRound, Cpu.Usage cpu,
                  boolean allDelivered, int sameLoopPairs, String loopLoad) {
    }

    private Throughput() {
    }

    /**
     * Warms every set up in turn, then measures them in {@code rounds} rounds of one window each; each
     * window starts after {@code settle} of pushing, so bytes of the set before are out of the way.
     * The order of the sets shifts by one every round.
     */
    static void rotate(List<StreamSet> sets, Duration warmup, int rounds, Duration window, Duration settle)
            throws IOException, InterruptedException {
        rotate(sets, warmup, rounds, window, settle, Long.MAX_VALUE);
    }

    /**
     * As {@link #rotate(List, Duration, int, Duration, Duration)}, but a window also ends as soon as the
     * set's sinks received {@code windowBytes} in it: every set is measured over at most
     * {@code rounds × windowBytes} bytes, or {@code rounds × window}, whichever comes first.
     */
    static void rotate(List<StreamSet> sets, Duration warmup, int rounds, Duration window, Duration settle,
            long windowBytes) throws IOException, InterruptedException {
        for (StreamSet set : sets) {
            set.push(warmup, Duration.ZERO, Long.MAX_VALUE, false);
        }
        for (StreamSet set : sets) {
            set.notePlacement();
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < sets.size(); i++) {
                sets.get((round + i) % sets.size()).push(settle, window, windowBytes, true);
            }
        }
        for (StreamSet set : sets) {
            set.drain();
        }
    }

    /** The direct baseline: {@code count} clients connected straight to a sink server on 127.0.0.1. */
    static StreamSet direct(int count) throws IOException {
        List<Socket> clients = new ArrayList<>();
        List<Socket> sinks = new ArrayList<>();
        try (ServerSocket server = Net.listen()) {
            for (int i = 0; i < count; i++) {
                clients.add(Net.connect(server.getLocalPort()));
                sinks.add(Net.accept(server));
            }
        } catch (IOException e) {
            clients.forEach(Net::closeQuietly);
            sinks.forEach(Net::closeQuietly);
            throw e;
        }
        return new StreamSet(clients, sinks, null);
    }

    /** The writers and sinks of one configuration; the writers push only while the set is running. */
    static final class StreamSet implements AutoCloseable {

        private final List<Socket> writers;
        private final List<Socket> sinks;
        private final ToIntFunction<Socket> loopOf;
        private final AtomicLong[] sent;
        private final AtomicLong[] received;
        private final AtomicIntegerArray sourceOfSink;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<Thread> writerThreads = new ArrayList<>();
        private final List<Thread> sinkThreads = new ArrayList<>();
        private final Object gate = new Object();
        private volatile boolean running;
        private volatile boolean closed;

        private long measuredBytes;
        private long measuredNanos;
        private double slowest = Double.MAX_VALUE;
        private double fastest;
        private final Cpu.Totals cpu = new Cpu.Totals();
        private int sameLoopPairs = -1;
        private String loopLoad = "";
        private boolean allDelivered;

        /**
         * Takes ownership of the sockets and starts the (paused) writers and the sinks.
         *
         * @param writers  connected sockets to push into; writer i tags its stream with byte i
         * @param sinks    the sockets the bytes come out of, in any order
         * @param loopOf   the number of the relay event loop that serves a socket's connection (-1: unknown);
         *                 null for the direct set
         */
        StreamSet(List<Socket> writers, List<Socket> sinks, ToIntFunction<Socket> loopOf) {
            this.writers = List.copyOf(writers);
            this.sinks = List.copyOf(sinks);
            this.loopOf = loopOf;
            this.sent = new AtomicLong[writers.size()];
            this.received = new AtomicLong[sinks.size()];
            this.sourceOfSink = new AtomicIntegerArray(sinks.size());
            for (int i = 0; i < sinks.size(); i++) {
                received[i] = new AtomicLong();
                sourceOfSink.set(i, -1);
                int index = i;
                sinkThreads.add(start("bench-sink-" + i, () -> sink(index), failure));
            }
            for (int i = 0; i < writers.size(); i++) {
                sent[i] = new AtomicLong();
                int index = i;
                writerThreads.add(start("bench-writer-" + i, () -> write(index), failure));
            }
        }

        /**
         * Pushes for {@code settle}, then for {@code window} (or until the sinks received {@code windowBytes},
         * if sooner) while counting (when {@code measured}); then pauses.
         */
        void push(Duration settle, Duration window, long windowBytes, boolean measured)
                throws IOException, InterruptedException {
            setRunning(true);
            try {
                Thread.sleep(settle.toMillis());
                long bytes0 = sum(received);
                Cpu.Snapshot cpu0 = Cpu.Snapshot.now();
                awaitWindow(window, bytes0, windowBytes);
                long bytes1 = sum(received);
                Cpu.Snapshot cpu1 = Cpu.Snapshot.now();
                if (measured) {
                    long nanos = cpu1.wallNanos() - cpu0.wallNanos();
                    measuredBytes += bytes1 - bytes0;
                    measuredNanos += nanos;
                    double rate = (bytes1 - bytes0) / (nanos / 1e9) / 1e6;
                    slowest = Math.min(slowest, rate);
                    fastest = Math.max(fastest, rate);
                    cpu.add(cpu0, cpu1);
                }
            } finally {
                setRunning(false);
            }
            checkFailure();
        }

        /** Sleeps through the window, looking every millisecond whether the byte bound (if any) was reached. */
        private void awaitWindow(Duration window, long bytes0, long windowBytes) throws InterruptedException {
            if (windowBytes == Long.MAX_VALUE) {
                Thread.sleep(window.toMillis());
                return;
            }
            long deadline = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < deadline && sum(received) - bytes0 < windowBytes) {
                Thread.sleep(1);
            }
        }

        /** Bytes the sinks received so far, measured or not. */
        long received() {
            return sum(received);
        }

        /**
         * Counts the writer/sink pairs the relay serves on one event loop (sinks know their writer by
         * now), and the relay connections on each loop.
         */
        void notePlacement() {
            if (loopOf == null) {
                return;
            }
            sameLoopPairs = 0;
            for (int i = 0; i < sinks.size(); i++) {
                int source = sourceOfSink.get(i);
                int sinkLoop = loopOf.applyAsInt(sinks.get(i));
                if (source >= 0 && sinkLoop >= 0 && sinkLoop == loopOf.applyAsInt(writers.get(source))) {
                    sameLoopPairs++;
                }
            }
            TreeMap<Integer, Integer> perLoop = new TreeMap<>();
            for (Socket socket : writers) {
                perLoop.merge(loopOf.applyAsInt(socket), 1, Integer::sum);
            }
            for (Socket socket : sinks) {
                perLoop.merge(loopOf.applyAsInt(socket), 1, Integer::sum);
            }
            loopLoad = perLoop.values().stream().map(String::valueOf).collect(Collectors.joining("+"));
        }

        /**
         * Waits (bounded) until the sinks received every byte the paused writers wrote. A writer paused in the
         * middle of a write counts it only once the write returns, while the sinks may already have part of it:
         * so this waits for the two counts to be equal, not merely for the sinks to have caught up.
         */
        void drain() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMillis(JOIN_MILLIS).toNanos();
            while (sum(received) != sum(sent) && System.nanoTime() < deadline && failure.get() == null) {
                Thread.sleep(20);
            }
            checkFailure();
            allDelivered = sum(received) == sum(sent);
        }

        Result result() {
            double seconds = measuredNanos / 1e9;
            return new Result(measuredBytes / seconds / 1e6, slowest, fastest, cpu.usage(), allDelivered,
                    sameLoopPairs, loopLoad);
        }

        @Override
        public void close() {
            closed = true;
            synchronized (gate) {
                gate.notifyAll();
            }
            writers.forEach(Net::closeQuietly);
            try {
                joinAll(writerThreads);
                joinAll(sinkThreads);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sinks.forEach(Net::closeQuietly);
            }
        }

        private void setRunning(boolean run) {
            synchronized (gate) {
                running = run;
                gate.notifyAll();
            }
        }

        private void checkFailure() throws IOException {
            Throwable cause = failure.get();
            if (cause != null) {
                throw new IOException("a stream failed: " + cause, cause);
            }
        }

        private void write(int tag) throws IOException, InterruptedException {
            byte[] payload = Net.payload(WRITE_BYTES, tag);
            OutputStream out = writers.get(tag).getOutputStream();
            while (true) {
                if (!running) {
                    synchronized (gate) {
                        while (!running && !closed) {
                            gate.wait(1_000);
                        }
                    }
                }
                if (closed) {
                    return;
                }
                try {
                    out.write(payload);
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    throw e;
                }
                sent[tag].addAndGet(payload.length);
            }
        }

        private void sink(int index) throws IOException {
            Socket socket = sinks.get(index);
            socket.setSoTimeout(SINK_POLL_MILLIS);
            byte[] buffer = new byte[WRITE_BYTES];
            InputStream in = socket.getInputStream();
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (closed) {
                        return;
                    }
                    continue;
                } catch (IOException e) {
                    if (closed) {
                        return; // closed under us while shutting down
                    }
                    throw e;
                }
                if (n < 0) {
                    if (closed) {
                        return;
                    }
                    throw new IOException("sink " + index + " was closed by the other side");
                }
                if (n > 0 && received[index].get() == 0) {
                    sourceOfSink.set(index, buffer[0]);
                }
                received[index].addAndGet(n);
            }
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static Thread start(String name, Body body, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, new IOException(Thread.currentThread().getName() + ": " + e, e));
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.currentTimeMillis() + JOIN_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    private static long sum(AtomicLong[] counters) {
        long total = 0;
        for (AtomicLong counter : counters) {
            total += counter.get();
        }
        return total;
    }
}
