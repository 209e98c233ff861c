package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportStatus;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Swapping the transport under a public pipe in use: clients keep connecting and exchanging bytes
 * while the relay moves nio → epoll → io_uring → nio (the ones present) several times. No attempt is
 * refused, no byte is wrong, and connections opened before a swap finish on their old transport.
 */
public class TransportSwapTest {

    private static final int AGENTS = 8;
    private static final int CLIENTS = 4;
    private static final int LONG_LIVED = 2;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final AtomicBoolean stopClients = new AtomicBoolean();
    private final AtomicBoolean stopAgents = new AtomicBoolean();
    private final List<Thread> agents = new ArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private final Set<Socket> agentSockets = ConcurrentHashMap.newKeySet();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong exchanges = new AtomicLong();
    private TestRelay relay;
    private Mapping mapping;

    @Before
    public void start() throws Exception {
        relay = TestRelay.plain(folder.getRoot().toPath());
        mapping = relay.registry.addPublic(new PublicPipeSpec(AGENTS, 0));
        for (int i = 0; i < AGENTS; i++) {
            agents.add(spawn("agent-" + i, this::echoAgent));
        }
    }

    @After
    public void stop() throws InterruptedException {
        stopClients.set(true);
        stopAgents.set(true);
        // Closing the relay ends the agents' connections, so their threads see the stop.
        relay.close();
        for (Thread thread : agents) {
            thread.join(10_000);
        }
    }

    @Test
    public void clientsNeverNoticeSwapsAndOldConnectionsFinishOnTheirTransport() throws Exception {
        List<RelayTransport> present = TestTransports.present();
        List<LongLivedClient> longLived = new ArrayList<>();
        for (int i = 0; i < LONG_LIVED; i++) {
            longLived.add(new LongLivedClient(i));
        }
        for (int i = 0; i < CLIENTS; i++) {
            int seed = i;
            clients.add(spawn("client-" + i, () -> shortClients(seed)));
        }
        awaitExchanges(50);

        List<String> visited = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= present.size(); i++) {
                RelayTransport next = present.get(i % present.size());
                long before = exchanges.get();
                relay.engine.switchTo(next);
                visited.add(next.name());
                assertEquals(next.name(), relay.engine.status(List.of()).active());
                // Load goes on after each swap, on the new transport's listeners.
                awaitExchanges(before + 150);
            }
        }
        TransportStatus status = relay.engine.status(List.of());
        assertTrue("the first transport still carries the long-lived connections: " + status,
                status.draining().stream().anyMatch(d -> d.name().equals("nio") && d.connections() >= 2 * LONG_LIVED));

        for (LongLivedClient client : longLived) {
            client.finish();
        }
        // Clients first: a client must never be left without agents because the agents stopped.
        stopClients.set(true);
        for (Thread thread : clients) {
            thread.join(10_000);
        }
        stopAgents.set(true);
        // Idle agent connections are what is left on the old transports; the agents leave too.
        for (Socket socket : agentSockets) {
            socket.close();
        }
        // With nothing left on them, the retired transports stop their threads.
        Eventually.equal("transports still draining", List.of(), () -> relay.engine.status(List.of()).draining());

        boolean kernelHandsOver = KernelHandover.migratesQueuedConnections().orElse(false);
        System.out.printf("swaps %s: %d exchanges, %d refused, %d failed, tcp_migrate_req %s%n", visited,
                exchanges.get(), refused.get(), failures.size(), kernelHandsOver ? "1" : "0");
        assertEquals("connection attempts refused during swaps", 0, refused.get());
        if (kernelHandsOver) {
            assertEquals("failures: " + failures, 0, failures.size());
        } else {
            // Without net.ipv4.tcp_migrate_req the kernel resets what sat in a closing listener's queue:
            // at most one per connecting thread and listener move. Set it to 1 for the full check.
            assertTrue("failures: " + failures, failures.size() <= visited.size() * 2 * (AGENTS + CLIENTS));
        }
    }

    @Test
    public void theDrainDeadlineClosesWhatIsLeftAndStopsTheOldThreads() throws Exception {
        relay.transportSettings = new TransportSettings("nio", 2, 1, Duration.ofMillis(300), true);
        LongLivedClient client = new LongLivedClient(7);
        relay.engine.switchTo(TestTransports.present().get(TestTransports.present().size() - 1));
        // The connection keeps working until the deadline, then is closed by the relay.
        assertTrue("the old transport's connection was closed at its deadline", client.closedByRelayWithin(5_000));
        Eventually.equal("transports still draining", List.of(), () -> relay.engine.status(List.of()).draining());
        try (Socket fresh = relay.connect(mapping.port2())) {
            byte[] ping = {1, 2, 3};
            fresh.getOutputStream().write(ping);
            assertArrayEquals(ping, fresh.getInputStream().readNBytes(3));
        }
    }

    private void awaitExchanges(long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (exchanges.get() < atLeast) {
            if (System.nanoTime() > deadline || !failures.isEmpty() && failures.size() > 100) {
                throw new AssertionError("load stalled at " + exchanges.get() + " exchanges; failures: " + failures);
            }
            Thread.sleep(5);
        }
    }

    private static Thread spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** An agent connection pool of one: authenticate, echo until the relay closes it, reconnect. */
    private void echoAgent() {
        byte[] buf = new byte[16 * 1024];
        while (!stopAgents.get()) {
            try (Socket socket = connect(mapping.port1())) {
                agentSockets.add(socket);
                if (stopAgents.get()) {
                    break;
                }
                Wire.send(socket, mapping.passcodePort1());
                socket.setSoTimeout(0);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] answer = in.readNBytes(Wire.AUTHORIZED.length());
                if (!Wire.AUTHORIZED.equals(new String(answer, java.nio.charset.StandardCharsets.US_ASCII))) {
                    failures.add("agent not authorized: " + new String(answer));
                    continue;
                }
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
                agentSockets.remove(socket);
            } catch (ConnectException e) {
                refused.incrementAndGet();
            } catch (IOException e) {
                // An agent connection ends when its client leaves; only a failure before that counts.
                if (!stopAgents.get() && !"Socket closed".equals(e.getMessage())) {
                    failures.add("agent: " + e);
                }
            }
        }
    }

    /** Public clients one after another: connect, send a random block, read it back, compare, leave. */
    private void shortClients(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (!stopClients.get()) {
            byte[] block = new byte[1 + random.nextInt(32 * 1024)];
            random.nextBytes(block);
            try (Socket socket = connect(mapping.port2())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(block);
                byte[] back = socket.getInputStream().readNBytes(block.length);
                if (!java.util.Arrays.equals(block, back)) {
                    failures.add("client got " + back.length + " bytes back, not the " + block.length + " sent");
                } else {
                    exchanges.incrementAndGet();
                }
            } catch (ConnectException e) {
                refused.incrementAndGet();
            } catch (IOException e) {
                failures.add("client: " + e);
            }
        }
    }

    private Socket connect(int port) throws IOException {
        return relay.connect(port);
    }

    /** A public client that stays connected across swaps, exchanging and checking bytes all along. */
    private final class LongLivedClient {

        private final Socket socket;
        private final Thread thread;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile IOException ended;
        private long rounds;

        LongLivedClient(long seed) throws IOException {
            socket = connect(mapping.port2());
            socket.setSoTimeout(10_000);
            exchange(new SplittableRandom(seed));
            thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    while (!done.get()) {
                        exchange(random);
                    }
                } catch (IOException e) {
                    ended = e;
                }
            }, "long-lived-" + seed);
            thread.setDaemon(true);
            thread.start();
        }

        private void exchange(SplittableRandom random) throws IOException {
            byte[] block = new byte[4096];
            random.nextBytes(block);
            socket.getOutputStream().write(block);
            byte[] back = socket.getInputStream().readNBytes(block.length);
            if (!java.util.Arrays.equals(block, back)) {
                throw new IOException("round " + rounds + ": got back " + back.length + " different bytes");
            }
            rounds++;
        }

        /** Stops exchanging, checks that every round went through, and leaves. */
        void finish() throws Exception {
            done.set(true);
            thread.join(10_000);
            if (ended != null) {
                throw new AssertionError("long-lived client failed after " + rounds + " rounds", ended);
            }
            assertTrue("long-lived client exchanged during the swaps", rounds > 10);
            socket.close();
        }

        /** Whether the relay closed the connection (the client's exchanges then end). */
        boolean closedByRelayWithin(long millis) throws InterruptedException {
            thread.join(millis);
            boolean closed = !thread.isAlive() && ended != null;
            done.set(true);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket the relay already closed
            }
            return closed;
        }
    }
}
