package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public-pipe side of the real agent (eclipse-iofog/core-networking, Go), as docs/protocol.md §3/§3b
 * describe it, on plain threads and sockets:
 * <ul>
 *   <li>a pool of connections to port1, each sending its passcode and doing one read of at most 10 bytes,
 *       which must be {@code AUTHORIZED};</li>
 *   <li>each pool slot opens its own connection to the local service on the first bytes a public client
 *       sends and keeps it across public clients and across reconnections;</li>
 *   <li>reads that are exactly {@code BEAT} or {@code BEATBEAT} are heartbeats, anything else goes to the
 *       local service; what the local service answers waits in a bounded queue (the agent's channels,
 *       40 reads of up to 64 KiB) for the connector connection;</li>
 *   <li>when its connector connection closes or resets, the slot redials at once, authenticates and at
 *       once writes the chunk whose write failed, then its queued backlog, on the fresh connection;</li>
 *   <li>a {@code BEAT} every heartbeat interval while there is nothing to send.</li>
 * </ul>
 */
final class EmulatedAgent implements AutoCloseable {

    /** Opens a connection to the connector's agent port, TLS handshake included. */
    @FunctionalInterface
    interface Dialer {
        Socket dial() throws IOException;
    }

    private static final int READ_SIZE = 64 * 1024;
    private static final byte[] BEAT = "BEAT".getBytes(StandardCharsets.US_ASCII);

    private final Dialer dialer;
    private final byte[] passcode;
    private final InetSocketAddress localService;
    private final long heartbeatMillis;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger authorizations = new AtomicInteger();
    private final AtomicInteger losses = new AtomicInteger();
    private final AtomicInteger resends = new AtomicInteger();
    private volatile boolean closed;

    EmulatedAgent(Dialer dialer, String passcode, int poolSize, InetSocketAddress localService, long heartbeatMillis) {
        this.dialer = dialer;
        this.passcode = passcode.getBytes(StandardCharsets.US_ASCII);
        this.localService = localService;
        this.heartbeatMillis = heartbeatMillis;
        for (int i = 0; i < poolSize; i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            slot.start();
        }
    }

    /** Connections answered AUTHORIZED so far. */
    int authorizations() {
        return authorizations.get();
    }

    /** Connections that closed or reset under the agent so far (each is redialled at once). */
    int losses() {
        return losses.get();
    }

    /** Unsent chunks written again on a fresh connection right after AUTHORIZED. */
    int resends() {
        return resends.get();
    }

    void awaitAuthorizations(int atLeast, long millis) throws InterruptedException {
        await(authorizations, atLeast, millis, "authorizations");
    }

    void awaitLosses(int atLeast, long millis) throws InterruptedException {
        await(losses, atLeast, millis, "lost connections");
    }

    private static void await(AtomicInteger counter, int atLeast, long millis, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (counter.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent saw " + counter.get() + " " + what + ", expected " + atLeast);
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            slot.stop();
        }
    }

    /** One connection of the pool, with its own local-service connection. */
    private final class Slot {

        private final Thread main;
        /** What the local service answered, waiting for a connector connection. */
        private final BlockingQueue<byte[]> backlog = new ArrayBlockingQueue<>(40);
        private volatile Socket connector;
        private volatile Socket service;
        private byte[] notSent;

        Slot(int id) {
            main = new Thread(this::run, "agent-slot-" + id);
            main.setDaemon(true);
        }

        void start() {
            main.start();
        }

        void stop() {
            main.interrupt();
            closeQuietly(connector);
            closeQuietly(service);
        }

        private void run() {
            while (!closed) {
                Socket socket;
                try {
                    socket = dialer.dial();
                } catch (IOException e) {
                    pause(20);
                    continue;
                }
                connector = socket;
                try {
                    authorize(socket);
                    if (notSent != null) {
                        socket.getOutputStream().write(notSent);
                        notSent = null;
                        resends.incrementAndGet();
                    }
                    serve(socket);
                } catch (IOException | InterruptedException e) {
                    // Lost: redial at once, as the real agent does.
                } finally {
                    closeQuietly(socket);
                }
                if (!closed) {
                    losses.incrementAndGet();
                }
            }
        }

        private void authorize(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(passcode);
            byte[] answer = new byte[10];
            int n = socket.getInputStream().read(answer);
            if (n != 10 || !"AUTHORIZED".equals(new String(answer, StandardCharsets.US_ASCII))) {
                throw new IOException("not authorized: " + (n < 0 ? "closed" : new String(answer, 0, n,
                        StandardCharsets.US_ASCII)));
            }
            authorizations.incrementAndGet();
        }

        /** Writes the backlog and heartbeats while a reader passes the connector's bytes to the local service. */
        private void serve(Socket socket) throws IOException, InterruptedException {
            Reader reader = new Reader(socket);
            reader.start();
            OutputStream out = socket.getOutputStream();
            long nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
            while (!closed && reader.isAlive()) {
                byte[] chunk = backlog.poll(10, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    try {
                        out.write(chunk);
                    } catch (IOException e) {
                        notSent = chunk;
                        throw e;
                    }
                } else if (System.nanoTime() >= nextBeat) {
                    out.write(BEAT);
                    nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
                }
            }
        }

        /** Reads from one connector connection until it closes. */
        private final class Reader extends Thread {

            private final Socket socket;

            Reader(Socket socket) {
                super("agent-reader");
                setDaemon(true);
                this.socket = socket;
            }

            @Override
            public void run() {
                try {
                    InputStream in = socket.getInputStream();
                    byte[] buf = new byte[READ_SIZE];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (isHeartbeat(buf, n)) {
                            continue;
                        }
                        localService().getOutputStream().write(buf, 0, n);
                    }
                } catch (IOException lost) {
                    // The connection closed or reset; the slot redials.
                }
            }
        }

        /** Opened on the first bytes a client sends and kept across clients. */
        private Socket localService() throws IOException {
            Socket current = service;
            if (current != null) {
                return current;
            }
            Socket opened = new Socket(localService.getAddress(), localService.getPort());
            opened.setTcpNoDelay(true);
            service = opened;
            Thread pump = new Thread(() -> pump(opened), "agent-service-reader");
            pump.setDaemon(true);
            pump.start();
            return opened;
        }

        private void pump(Socket from) {
            try {
                InputStream in = from.getInputStream();
                byte[] buf = new byte[READ_SIZE];
                int n;
                while ((n = in.read(buf)) > 0) {
                    backlog.put(Arrays.copyOf(buf, n));
                }
            } catch (IOException | InterruptedException gone) {
                // Closed with the agent.
            }
        }
    }

    private static boolean isHeartbeat(byte[] buf, int n) {
        if (n != 4 && n != 8) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[i] != BEAT[i % 4]) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
