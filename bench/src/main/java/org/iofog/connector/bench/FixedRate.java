package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * 64-byte requests sent at a fixed aggregate rate over several connections to echoes, whatever the answers do
 * (open loop): each connection has a sender that keeps to its schedule and a receiver that times every answer
 * from the moment its request was written (the time travels in the request and comes back in the echo).
 */
final class FixedRate {

    private static final int MESSAGE_BYTES = Latency.MESSAGE_BYTES;

    /** Round-trip times of one configuration, kept across rounds. */
    static final class Recorder {

        private long[] nanos = new long[1 << 16];
        private int recorded;
        private long sent;
        private double sendingSeconds;

        /** One connection's round trips of one round: as many as it sent, over {@code seconds}. */
        private synchronized void add(long[] samples, double seconds) {
            if (recorded + samples.length > nanos.length) {
                nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, recorded + samples.length));
            }
            System.arraycopy(samples, 0, nanos, recorded, samples.length);
            recorded += samples.length;
            sent += samples.length;
            sendingSeconds += seconds;
        }

        synchronized Latency.Result result() {
            return Latency.summarize(Arrays.copyOf(nanos, recorded));
        }

        /** Requests per second actually sent, over all rounds. */
        synchronized double achievedRate() {
            return sendingSeconds == 0 ? 0 : sent / sendingSeconds;
        }
    }

    private FixedRate() {
    }

    /**
     * Sends {@code requestsPerSecond} in all, spread evenly over {@code clients}, for {@code duration}; every
     * answer is checked against its request. Records into {@code recorder} when given (null: a warm-up).
     */
    static void run(List<Socket> clients, int requestsPerSecond, Duration duration, Recorder recorder)
            throws IOException, InterruptedException {
        long intervalNanos = (long) (clients.size() * 1e9 / requestsPerSecond);
        int perClient = (int) Math.max(1, duration.toNanos() / intervalNanos);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long[][] samples = new long[clients.size()][perClient];
        long start = System.nanoTime();
        for (int c = 0; c < clients.size(); c++) {
            Socket socket = clients.get(c);
            long[] mine = samples[c];
            long offset = c * intervalNanos / clients.size(); // spreads the connections' sends over one interval
            threads.add(Throughput.start("bench-rate-sender-" + c,
                    () -> send(socket.getOutputStream(), start + offset, intervalNanos, perClient), failure));
            threads.add(Throughput.start("bench-rate-receiver-" + c,
                    () -> receive(socket.getInputStream(), mine), failure));
        }
        Throughput.joinAll(threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                throw new IOException("fixed-rate round did not end in time: " + thread.getName());
            }
        }
        if (failure.get() != null) {
            throw new IOException("fixed-rate round failed: " + failure.get(), failure.get());
        }
        if (recorder != null) {
            for (long[] mine : samples) {
                recorder.add(mine, seconds / clients.size());
            }
        }
    }

    private static void send(OutputStream out, long first, long intervalNanos, int count) throws IOException {
        byte[] message = Net.payload(MESSAGE_BYTES, 'r');
        ByteBuffer stamp = ByteBuffer.wrap(message);
        long next = first;
        for (int i = 0; i < count; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            stamp.putLong(1, System.nanoTime());
            out.write(message);
            next += intervalNanos;
        }
    }

    private static void receive(InputStream in, long[] samples) throws IOException {
        byte[] answer = new byte[MESSAGE_BYTES];
        ByteBuffer stamp = ByteBuffer.wrap(answer);
        for (int i = 0; i < samples.length; i++) {
            if (in.readNBytes(answer, 0, MESSAGE_BYTES) != MESSAGE_BYTES) {
                throw new IOException("the echo closed after " + i + " answers");
            }
            samples[i] = System.nanoTime() - stamp.getLong(1);
            if (answer[0] != 'r') {
                throw new IOException("answer " + i + " is not a request of this sender");
            }
        }
    }
}
