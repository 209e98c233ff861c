package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.iofog.connector.relay.internal.Wire.readExactly;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.iofog.connector.relay.internal.Wire.silentFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.RelaySettings;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A public pipe facing the open Internet (docs/protocol.md §3): an agent's unpaired bytes reach nobody, a
 * client takes an agent connection only after its TLS handshake, one source address cannot starve another,
 * and in dev mode with a certificate TLS and plain connections share the ports.
 */
public class PublicPipeSafetyTest {

    private static final InetAddress OTHER_SOURCE = address(127, 0, 0, 2);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void bytesAnAgentSendsBeforeItServesAClientReachNoClient() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1())) {
                send(agent, "STALE-BEFORE-PAIRING");
                Eventually.equal("dropped and counted", 20L, () -> relay.counters.counters().agentBytesDropped());
                try (Socket client = relay.connect(mapping.port2())) {
                    send(client, "hi");
                    assertEquals("the client's bytes reach the agent", "hi", readExactly(agent, 2, 5_000));
                    send(agent, "ok");
                    assertEquals("the client gets only what was sent while it was paired", "ok",
                            readExactly(client, 2, 5_000));
                    assertTrue("nothing else", silentFor(client, 200));
                }
            }
        }
    }

    @Test
    public void aFreshAgentConnectionThatKeepsSendingIsNotPairedUntilItIsQuiet() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            relay.settings = withClients(relay.settings, Duration.ofSeconds(10), 0,
                    RelaySettings.DEFAULT_SOURCE_MAX_WAITING);
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1());
                 Socket client = relay.connect(mapping.port2())) {
                send(client, "hi");
                // A backlog trickling in for 300 ms: never the client's.
                for (int i = 0; i < 30; i++) {
                    send(agent, "STALE");
                    Thread.sleep(10);
                }
                assertEquals("then the client is served", "hi", readExactly(agent, 2, 5_000));
                send(agent, "ok");
                assertEquals("ok", readExactly(client, 2, 5_000));
                assertTrue(silentFor(client, 200));
                assertEquals(150L, relay.counters.counters().agentBytesDropped());
            }
        }
    }

    @Test
    public void idleSocketsAndFailedHandshakesUseNoAgentConnection() throws Exception {
        try (TestRelay relay = TestRelay.withTls(folder.getRoot().toPath(), SslProvider.OPENSSL);
             EchoService service = new EchoService()) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(2, 0));
            try (EmulatedAgent agents = new EmulatedAgent(() -> relay.connect(mapping.port1()),
                    mapping.passcodePort1(), 2, service.address(), 1_000)) {
                agents.awaitAuthorizations(2, 10_000);
                List<Socket> idle = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        idle.add(new Socket(InetAddress.getLoopbackAddress(), mapping.port2()));
                    }
                    // A client that does not trust the certificate: its handshake fails.
                    try (SSLSocket distrustful = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                            .createSocket(InetAddress.getLoopbackAddress(), mapping.port2())) {
                        assertThrows(SSLException.class, distrustful::startHandshake);
                    }
                    try (Socket client = relay.connect(mapping.port2())) {
                        send(client, "served at once");
                        // Within the relay's 800 ms client wait: had the idle sockets taken the two agent
                        // connections, this client would have been closed without an answer.
                        assertEquals("served at once", readExactly(client, 14, 5_000));
                        assertEquals("no agent connection was lost to the idle sockets or the failed handshake", 0,
                                agents.losses());
                    }
                } finally {
                    for (Socket socket : idle) {
                        socket.close();
                    }
                }
            }
        }
    }

    @Test
    public void aFloodFromOneAddressDoesNotStarveAnother() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            relay.settings = withClients(relay.settings, Duration.ofSeconds(60), 0.5, 64);
            Flood flood = flood(relay, 1_500);
            try {
                assertEquals("127.0.0.2 holds its share, 2 of 4; its clients over 64 waiting are closed at once",
                        1_500 - 2 - 64, flood.refusals());
                assertEquals("2 clients of 127.0.0.2 exchanged a byte each way", 4L, flood.relayedBytes());
                try (Socket client = flood.relay.connect(flood.mapping.port2())) {
                    send(client, "me");
                    assertEquals("a client from 127.0.0.1 is served at once", "me", readExactly(client, 2, 2_000));
                }
            } finally {
                flood.close();
            }
        }
    }

    @Test
    public void withTheDefaultsOneAddressMayStillUseEveryAgentConnection() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            relay.settings = withClients(relay.settings, Duration.ofSeconds(60), 0,
                    RelaySettings.DEFAULT_SOURCE_MAX_WAITING);
            Flood flood = flood(relay, 1_500);
            try {
                assertEquals("all 4 agent connections serve 127.0.0.2", 8L, flood.relayedBytes());
                assertEquals("waiting clients beyond the default 64 are closed at once",
                        1_500 - 4 - RelaySettings.DEFAULT_SOURCE_MAX_WAITING, flood.refusals());
            } finally {
                flood.close();
            }
        }
    }

    /** 1,500 clients from 127.0.0.2, each sending one byte, against a 4-connection echo agent. */
    private static Flood flood(TestRelay relay, int clients) throws Exception {
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(4, 0));
        EchoService service = new EchoService();
        EmulatedAgent agents = new EmulatedAgent(() -> relay.connect(mapping.port1()), mapping.passcodePort1(), 4,
                service.address(), 1_000);
        agents.awaitAuthorizations(4, 10_000);
        // Every agent connection has settled.
        Thread.sleep(200);
        List<Socket> sockets = new ArrayList<>();
        Flood flood = new Flood(relay, mapping, service, agents, sockets);
        for (int i = 0; i < clients; i++) {
            Socket socket = new Socket();
            sockets.add(socket);
            socket.bind(new InetSocketAddress(OTHER_SOURCE, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mapping.port2()));
            socket.getOutputStream().write('h');
        }
        int cap = relay.settings.sourceCap(4);
        Eventually.equal("clients refused", (long) clients - cap - relay.settings.sourceMaxWaiting(),
                flood::refusals);
        Eventually.equal("bytes relayed", 2L * cap, flood::relayedBytes);
        return flood;
    }

    private record Flood(TestRelay relay, Mapping mapping, EchoService service, EmulatedAgent agents,
                         List<Socket> sockets) {

        long refusals() {
            return relay.counters.counters().sourceRefusals();
        }

        long relayedBytes() {
            return relay.counters.counters().bytesRelayed();
        }

        void close() throws IOException {
            agents.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            service.close();
        }
    }

    @Test
    public void devModeWithACertificateServesTlsAndPlainOnTheSamePorts() throws Exception {
        try (TestRelay relay = TestRelay.devWithCertificate(folder.getRoot().toPath());
             EchoService service = new EchoService()) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(2, 0));
            try (EmulatedAgent tlsAgent = new EmulatedAgent(() -> TestRelay.connectTls(mapping.port1()),
                    mapping.passcodePort1(), 1, service.address(), 1_000);
                 EmulatedAgent plainAgent = new EmulatedAgent(() -> relay.connect(mapping.port1()),
                         mapping.passcodePort1(), 1, service.address(), 1_000)) {
                tlsAgent.awaitAuthorizations(1, 10_000);
                plainAgent.awaitAuthorizations(1, 10_000);
                for (int i = 0; i < 4; i++) {
                    try (Socket tlsClient = TestRelay.connectTls(mapping.port2());
                         Socket plainClient = relay.connect(mapping.port2())) {
                        assertTrue(tlsClient instanceof SSLSocket);
                        send(tlsClient, "over tls " + i);
                        send(plainClient, "in plain " + i);
                        assertEquals("over tls " + i, readExactly(tlsClient, 10, 5_000));
                        assertEquals("in plain " + i, readExactly(plainClient, 10, 5_000));
                    }
                    // Each closed pair makes its agent connection redial; wait for both to be back.
                    plainAgent.awaitAuthorizations(2 + i, 10_000);
                    tlsAgent.awaitAuthorizations(2 + i, 10_000);
                }
            }
        }
    }

    /** The relay's settings with another client wait and other per-address limits. */
    private static RelaySettings withClients(RelaySettings s, Duration wait, double maxShare, int maxWaiting) {
        return new RelaySettings(s.bindAddress(), s.authTimeout(), wait, s.privateHoldBytes(), s.mappingsFile(),
                maxShare, maxWaiting, s.agentSettleMin());
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
