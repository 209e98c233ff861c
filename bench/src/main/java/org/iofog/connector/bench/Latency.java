package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

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
            long[] sorted = Arrays.copyOf(nanos, recorded);
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e3;
            return new Result(percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), mean,
                    recorded);
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

    /** Nearest-rank percentile of sorted nanoseconds, in microseconds. */
    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
    }
}
