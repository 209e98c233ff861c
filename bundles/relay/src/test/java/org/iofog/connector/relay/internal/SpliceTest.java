package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.epoll.Epoll;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.transport.epoll.internal.EpollRelayTransport;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Splice on epoll in dev mode: a public client's bytes reach the agent inside the kernel, counted,
 * while the agent's heartbeats are still answered (never relayed) and keep its connection open.
 */
public class SpliceTest {

    private static final int SIZE = 24 * 1024 * 1024;
    private static final long HEARTBEAT_THRESHOLD_MS = 400;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private TestRelay relay;

    @Before
    public void start() throws Exception {
        assertTrue("epoll loads on this machine: " + Epoll.unavailabilityCause(), Epoll.isAvailable());
        EpollRelayTransport epoll = new EpollRelayTransport();
        relay = TestRelay.plain(folder.getRoot().toPath(), epoll);
        // One I/O thread: the client and its agent connection share a loop, as splice needs.
        relay.transportSettings = new TransportSettings("epoll", 1, 1, Duration.ofSeconds(30), true);
        relay.engine.switchTo(epoll);
    }

    @After
    public void stop() {
        relay.close();
    }

    @Test
    public void clientBytesAreSplicedWhileHeartbeatsAreAnswered() throws Exception {
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, HEARTBEAT_THRESHOLD_MS));
        byte[] data = lowercase(SIZE);
        try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1());
             Socket client = relay.connect(mapping.port2())) {
            agent.setSoTimeout(10_000);
            client.setSoTimeout(10_000);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(agent, SIZE));
            // The agent beats every 100 ms, as real ones do, for longer than its absence threshold.
            OutputStream agentOut = agent.getOutputStream();
            OutputStream clientOut = client.getOutputStream();
            long start = System.nanoTime();
            for (int offset = 0; offset < SIZE; offset += SIZE / 16) {
                clientOut.write(data, offset, SIZE / 16);
                clientOut.flush();
                agentOut.write("BEAT".getBytes(StandardCharsets.US_ASCII));
                agentOut.flush();
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertTrue("the transfer outlasted the heartbeat threshold",
                    System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_THRESHOLD_MS * 2));
            // Within the heartbeat threshold of the last BEAT, so the connections are still open.
            client.setSoTimeout(100);
            byte[] leaked = new byte[64];
            int n;
            try {
                n = client.getInputStream().read(leaked);
            } catch (java.net.SocketTimeoutException silent) {
                n = 0;
            }
            assertEquals("bytes the public client got from the agent side: "
                    + (n > 0 ? new String(leaked, 0, n, StandardCharsets.US_ASCII) : ""), 0, n);

            String stream = new String(received.get(30, TimeUnit.SECONDS), StandardCharsets.US_ASCII);
            String beats = stream.replaceAll("[a-z]", "");
            // 16 BEATs, 100 ms apart. Two that wait in the socket while the loop splices arrive in one read,
            // which is one heartbeat to the agent and gets one answer: on a busy machine 15 answers are right.
            assertTrue("BEATs answered to the agent, and nothing else: " + beats,
                    beats.matches("(BEAT){14,16}"));
            assertArrayEquals("the client's bytes, in order", data,
                    stream.replace("BEAT", "").getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue("bytes went by splice: " + relay.engine.splicedBytes(),
                relay.engine.splicedBytes() >= SIZE - 2L * Splicer.CHUNK);
        var status = relay.registry.status(mapping.id()).orElseThrow();
        assertTrue("spliced bytes are counted: " + status.bytesPort2ToPort1(),
                status.bytesPort2ToPort1() >= SIZE - Splicer.CHUNK);
    }

    @Test
    public void offInTheSettingsMeansNoSplice() throws Exception {
        relay.transportSettings = new TransportSettings("epoll", 1, 1, Duration.ofSeconds(30), false);
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
        byte[] data = lowercase(4 * Splicer.CHUNK);
        try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1());
             Socket client = relay.connect(mapping.port2())) {
            agent.setSoTimeout(10_000);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(agent, data.length));
            client.getOutputStream().write(data);
            assertArrayEquals(data, received.get(30, TimeUnit.SECONDS));
        }
        assertEquals(0, relay.engine.splicedBytes());
        assertEquals(data.length, relay.registry.status(mapping.id()).orElseThrow().bytesPort2ToPort1());
    }

    /** Bytes that cannot contain "BEAT", so that heartbeat answers can be told apart in the agent's stream. */
    private static byte[] lowercase(int size) {
        SplittableRandom random = new SplittableRandom(11);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(26));
        }
        return data;
    }

    /** Reads until {@code size} lowercase bytes arrived, keeping the BEAT answers mixed in. */
    private static byte[] readAll(Socket socket, int size) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream(size + 1024);
            byte[] buf = new byte[64 * 1024];
            int letters = 0;
            while (letters < size) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("agent connection closed after " + letters + " bytes");
                }
                all.write(buf, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buf[i] >= 'a' && buf[i] <= 'z') {
                        letters++;
                    }
                }
            }
            // The last BEAT answers may trail the data.
            socket.setSoTimeout(300);
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    all.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // nothing more
            }
            return all.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
