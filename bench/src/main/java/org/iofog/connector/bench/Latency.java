package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client sends 64 bytes and waits for the same 64 bytes back, over and over; an echo answers.
 * Several clients (direct, through the relay) are measured in interleaved rounds so that a change in
 * the machine's background load during the run touches all of them alike.
 */
final class Latency {

    static final int MESSAGE_BYTES = 64;

    /** Round-trip times in microseconds. */
    record Result(double p50, double p99, double p999, double mean, int samples) {
    }

    /** The round trips of one client, recorded across rounds. */
    static final class Client {

        private final InputStream in;
        private final OutputStream out;
        private final byte[] message = Net.payload(MESSAGE_BYTES, 7);
        private final byte[] answer = new byte[MESSAGE_BYTES];
        private final long[] nanos;
        private int recorded;
        private int trips;

        Client(Socket socket, int timedTrips) throws IOException {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.nanos = new long[timedTrips];
        }

        /** {@code count} round trips, timed (and kept) when {@code timed}; each answer is checked. */
        void roundTrips(int count, boolean timed) throws IOException {
            for (int i = 0; i < count; i++) {
                message[1] = (byte) trips++; // every answer must be this round trip's, not an earlier one
                long start = System.nanoTime();
                out.write(message);
                int got = in.readNBytes(answer, 0, MESSAGE_BYTES);
                long end = System.nanoTime();
                if (got != MESSAGE_BYTES || !Arrays.equals(answer, message)) {
                    throw new IOException("round trip " + trips + ": wrong answer (" + got + " bytes)");
                }
                if (timed && recorded < nanos.length) {
                    nanos[recorded++] = end - start;
                }
            }
        }

        Result result() {
            return summarize(Arrays.copyOf(nanos, recorded));
        }
    }

    /**
     * Clients, each with the socket that echoes its bytes back on a thread of its own. Closing closes every
     * socket kept, waits (bounded) for the echoes to end, and reports the first echo that failed.
     */
    static final class Echoes implements AutoCloseable {

        private final List<Socket> sockets = new ArrayList<>();
        private final List<Socket> clients = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        /** The sockets closed at the end; hand it to whatever opens connections for this measurement. */
        List<Socket> sockets() {
            return sockets;
        }

        /** A client and the socket that answers it (both closed at the end); the echo starts now. */
        void add(Socket client, Socket echo) {
            for (Socket socket : List.of(client, echo)) {
                if (!sockets.contains(socket)) {
                    sockets.add(socket);
                }
            }
            clients.add(client);
            threads.add(Throughput.start("bench-echo", () -> echo(echo), failure));
        }

        /** The clients' sockets, in the order they were added. */
        List<Socket> clientSockets() {
            return List.copyOf(clients);
        }

        /** One round-trip recorder per client, in the order they were added. */
        List<Client> clients(int timedTrips) throws IOException {
            List<Client> recorders = new ArrayList<>();
            for (Socket client : clients) {
                recorders.add(new Client(client, timedTrips));
            }
            return recorders;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            sockets.forEach(Net::closeQuietly);
            Throughput.joinAll(threads);
            Throwable cause = failure.get();
            if (cause != null) {
                throw new IOException("an echo failed: " + cause, cause);
            }
        }
    }

    private Latency() {
    }

    /** Echoes whatever it reads until the other side closes; run on its own thread. */
    static void echo(Socket socket) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw e;
            }
        }
    }

    /** Percentiles and mean of round-trip times in nanoseconds (sorts them in place). */
    static Result summarize(long[] nanos) {
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e3;
        return new Result(percentile(nanos, 0.50), percentile(nanos, 0.99), percentile(nanos, 0.999), mean,
                nanos.length);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in microseconds. */
    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
    }
}
