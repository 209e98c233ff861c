package org.iofog.connector.bench;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The fake agent's side of heartbeats, against a hand-driven "connector" on 127.0.0.1: it must never take the
 * connector's {@code BEAT} answers for relayed data, and never let data follow a {@code BEAT} the connector has
 * not answered yet (the connector could read both at once and relay the {@code BEAT}).
 */
public class FakeAgentTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final byte[] BEAT = "BEAT".getBytes(StandardCharsets.US_ASCII);

    private ServerSocket server;
    private Socket agent;
    private Socket connector;

    @Before
    public void connect() throws IOException {
        server = Net.listen();
        agent = Net.connect(server.getLocalPort());
        connector = Net.accept(server);
    }

    @After
    public void close() {
        Net.closeQuietly(agent);
        Net.closeQuietly(connector);
        Net.closeQuietly(server);
    }

    @Test
    public void beatAnswersBeforeTheDataAreDropped() throws IOException {
        byte[] request = Net.payload(64, 'a');
        OutputStream out = connector.getOutputStream();
        out.write(BEAT);
        out.write(BEAT);
        out.write(request);
        byte[] got = new byte[64];
        assertEquals(64, FakeAgent.readRelayed(agent, got, 64, HEARTBEAT, deadline()));
        assertArrayEquals(request, got);
    }

    @Test
    public void anIdleAgentBeatsAndWaitsForTheAnswerAfterTheData() throws Exception {
        byte[] request = Net.payload(64, 'a');
        byte[] got = new byte[64];
        int[] read = new int[1];
        Thread reader = Throughput.start("test-agent", () -> read[0] = FakeAgent.readRelayed(agent, got, 64,
                HEARTBEAT, deadline()), new AtomicReference<>());
        InputStream in = connector.getInputStream();
        assertArrayEquals("an idle agent heartbeats", BEAT, in.readNBytes(4));
        connector.getOutputStream().write(request); // the data overtakes the answer
        Thread.sleep(300);
        assertTrue("still waiting for the BEAT answer", reader.isAlive());
        connector.getOutputStream().write(BEAT);
        reader.join(5_000);
        assertEquals(64, read[0]);
        assertArrayEquals(request, got);
    }

    @Test
    public void somethingElseInPlaceOfTheAnswerFails() throws Exception {
        InputStream in = connector.getInputStream();
        Thread writer = Throughput.start("test-connector", () -> {
            assertArrayEquals(BEAT, in.readNBytes(4));
            connector.getOutputStream().write(Net.payload(64, 'a'));
            connector.getOutputStream().write("XXXX".getBytes(StandardCharsets.US_ASCII));
        }, new AtomicReference<>());
        IOException thrown = assertThrows(IOException.class,
                () -> FakeAgent.readRelayed(agent, new byte[64], 64, HEARTBEAT, deadline()));
        assertTrue(thrown.getMessage(), thrown.getMessage().contains("BEAT answer"));
        writer.join(5_000);
    }

    @Test
    public void aClosedConnectionBeforeAnyDataIsMinusOne() throws IOException {
        connector.close();
        assertEquals(-1, FakeAgent.readRelayed(agent, new byte[64], 64, HEARTBEAT, deadline()));
    }

    private static long deadline() {
        return System.nanoTime() + Duration.ofSeconds(10).toNanos();
    }
}
