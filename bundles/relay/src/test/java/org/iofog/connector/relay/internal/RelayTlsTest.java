package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.AUTHORIZED;
import static org.iofog.connector.relay.internal.Wire.agent;
import static org.iofog.connector.relay.internal.Wire.oneRead;
import static org.iofog.connector.relay.internal.Wire.readExactly;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.iofog.connector.relay.internal.Wire.silentFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.SslProvider;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * What the real agent needs over TLS (docs/protocol.md §3), checked with JDK {@link SSLSocket}s, whose
 * reads follow TLS records the way the agent's do, on both server engines the connector runs.
 */
@RunWith(Parameterized.class)
public class RelayTlsTest {

    @Parameters(name = "{0}")
    public static List<SslProvider> engines() {
        return List.of(SslProvider.JDK, SslProvider.OPENSSL);
    }

    @Parameter
    public SslProvider engine;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private TestRelay relay;
    private Mapping mapping;

    @Before
    public void start() throws Exception {
        relay = TestRelay.withTls(folder.getRoot().toPath(), engine);
        mapping = relay.registry.addPublic(new PublicPipeSpec(2, 0));
    }

    @After
    public void stop() {
        relay.close();
    }

    @Test
    public void authorizedArrivesAsOneReadOfExactlyTenBytes() throws Exception {
        try (Socket socket = relay.connect(mapping.port1())) {
            send(socket, mapping.passcodePort1());
            assertEquals(AUTHORIZED, oneRead(socket, 64, 5_000));
        }
    }

    @Test
    public void everyBeatIsAnsweredAloneWhileBulkDataFlowsToTheAgent() throws Exception {
        long size = 50L * 1024 * 1024;
        try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1());
             Socket client = relay.connect(mapping.port2())) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger beatsSent = new AtomicInteger();
            CompletableFuture<Void> beats = CompletableFuture.runAsync(() -> {
                try {
                    while (!done.get()) {
                        // Counted before it is sent: counted after, the reader could stop once its answers matched
                        // the count while one more BEAT was on its way (seen once: 55 BEATs sent, 54 answers read).
                        beatsSent.incrementAndGet();
                        send(agent, "BEAT");
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> readDataAndAnswers(agent,
                    size, done, beatsSent));
            long sent = Streams.sendRandom(client.getOutputStream(), size, 7);
            long[] result = received.get(120, TimeUnit.SECONDS);
            beats.get(10, TimeUnit.SECONDS);
            assertEquals("data checksum with BEAT answers taken out", sent, result[0]);
            assertEquals("every BEAT answered by a read of exactly BEAT", beatsSent.get(), result[1]);
            assertTrue("some BEATs crossed the transfer: " + result[1], result[1] > 10);
            assertTrue("no BEAT reached the public client", silentFor(client, 200));
        }
    }

    /** Reads until all data and an answer for every BEAT sent arrived; returns {crc, answers}. */
    private static long[] readDataAndAnswers(Socket agent, long size, AtomicBoolean done, AtomicInteger beatsSent) {
        try {
            agent.setSoTimeout(30_000);
            InputStream in = agent.getInputStream();
            CRC32 crc = new CRC32();
            byte[] buf = new byte[Streams.CHUNK];
            long data = 0;
            long answers = 0;
            while (data < size || answers < beatsSent.get()) {
                if (data >= size) {
                    done.set(true);
                }
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("closed after " + data + " bytes");
                }
                if (n == 4 && buf[0] == 'B' && buf[1] == 'E' && buf[2] == 'A' && buf[3] == 'T') {
                    answers++;
                } else {
                    crc.update(buf, 0, n);
                    data += n;
                }
            }
            done.set(true);
            return new long[] {crc.getValue(), answers};
        } catch (Exception e) {
            done.set(true);
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void beatRecordInTheSameSegmentAsADataRecordIsNotRelayed() throws Exception {
        try (CorkedSocket raw = new CorkedSocket(mapping.port1());
             SSLSocket agent = (SSLSocket) TestRelay.clientContext().getSocketFactory()
                     .createSocket(raw, InetAddress.getLoopbackAddress().getHostAddress(), mapping.port1(), true);
             Socket client = relay.connect(mapping.port2())) {
            agent.startHandshake();
            send(agent, mapping.passcodePort1());
            assertEquals(AUTHORIZED, oneRead(agent, 64, 5_000));
            send(client, "go");
            assertEquals("go", readExactly(agent, 2, 5_000));

            raw.cork();
            send(agent, "BEAT");
            send(agent, "payload");
            raw.uncork();

            assertEquals("BEAT", oneRead(agent, 64, 5_000));
            assertEquals("payload", readExactly(client, 7, 5_000));
            assertTrue("nothing more reached the client", silentFor(client, 200));
        }
    }
}
