package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.AUTHORIZED;
import static org.iofog.connector.relay.internal.Wire.agent;
import static org.iofog.connector.relay.internal.Wire.closedWithin;
import static org.iofog.connector.relay.internal.Wire.oneRead;
import static org.iofog.connector.relay.internal.Wire.readExactly;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.iofog.connector.relay.internal.Wire.silentFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.Socket;
import java.util.List;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.transport.RelayTransport;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Each rule of the relay wire protocol (docs/protocol.md §3), on real sockets, in dev mode, on every transport present. */
@RunWith(Parameterized.class)
public class RelayProtocolTest {

    private static final int AUTH_MS = (int) TestRelay.AUTH_TIMEOUT.toMillis();

    @Parameters(name = "{0}")
    public static List<Object[]> transports() {
        return TestTransports.parameters();
    }

    @Rule
    public final DevRelay dev;

    public RelayProtocolTest(String name, RelayTransport transport) {
        this.dev = new DevRelay(transport);
    }

    private Mapping publicPipe(int maxConnections, long heartbeatThreshold) throws Exception {
        return dev.relay().registry.addPublic(new PublicPipeSpec(maxConnections, heartbeatThreshold));
    }

    @Test
    public void rightPasscodeIsAnsweredAuthorized() throws Exception {
        Mapping mapping = publicPipe(2, 0);
        try (Socket socket = dev.relay().connect(mapping.port1())) {
            send(socket, mapping.passcodePort1());
            assertEquals(AUTHORIZED, oneRead(socket, 10, 5_000));
        }
    }

    @Test
    public void wrongPasscodeIsClosedWithNothingWritten() throws Exception {
        Mapping mapping = publicPipe(2, 0);
        try (Socket socket = dev.relay().connect(mapping.port1())) {
            send(socket, "00000000-0000-4000-8000-000000000000");
            assertNull("closed without a byte", oneRead(socket, 10, 5_000));
        }
    }

    @Test
    public void passcodeSplitOverThreeWritesIsAccepted() throws Exception {
        Mapping mapping = publicPipe(2, 0);
        String passcode = mapping.passcodePort1();
        try (Socket socket = dev.relay().connect(mapping.port1())) {
            send(socket, passcode.substring(0, 5));
            Thread.sleep(50);
            send(socket, passcode.substring(5, 20));
            Thread.sleep(50);
            send(socket, passcode.substring(20));
            assertEquals(AUTHORIZED, oneRead(socket, 10, 5_000));
        }
    }

    @Test
    public void slowLorisIsClosedAtTheAuthenticationTimeout() throws Exception {
        Mapping mapping = publicPipe(2, 0);
        try (Socket socket = dev.relay().connect(mapping.port1())) {
            send(socket, mapping.passcodePort1().substring(0, 10));
            assertTrue("still open before the timeout", silentFor(socket, AUTH_MS / 3));
            assertTrue("closed after the timeout", closedWithin(socket, AUTH_MS * 4));
        }
    }

    @Test
    public void connectionBeyondTheLimitIsHeldAndAdmittedWhenASlotFrees() throws Exception {
        Mapping mapping = publicPipe(1, 0);
        Socket first = agent(dev.relay(), mapping.port1(), mapping.passcodePort1());
        try (Socket second = dev.relay().connect(mapping.port1())) {
            send(second, mapping.passcodePort1());
            assertTrue("no AUTHORIZED while the port is full", silentFor(second, AUTH_MS / 3));
            assertEquals(1, dev.relay().registry.status(mapping.id()).orElseThrow().agentsPort1());
            first.close();
            assertEquals(AUTHORIZED, oneRead(second, 10, 5_000));
        }
    }

    @Test
    public void connectionBeyondTheLimitIsClosedAtTheTimeoutIfNoSlotFrees() throws Exception {
        Mapping mapping = publicPipe(1, 0);
        try (Socket first = agent(dev.relay(), mapping.port1(), mapping.passcodePort1());
             Socket second = dev.relay().connect(mapping.port1())) {
            send(second, mapping.passcodePort1());
            assertTrue("closed unanswered", closedWithin(second, AUTH_MS * 4));
            assertTrue("the first is untouched", silentFor(first, 100));
        }
    }

    @Test
    public void beatIsAnsweredAndNotRelayed() throws Exception {
        Mapping mapping = publicPipe(1, 0);
        try (Socket agent = agent(dev.relay(), mapping.port1(), mapping.passcodePort1());
             Socket client = dev.relay().connect(mapping.port2())) {
            send(client, "hi");
            assertEquals("hi", readExactly(agent, 2, 5_000));
            send(agent, "BEAT");
            assertEquals("BEAT", readExactly(agent, 4, 5_000));
            send(agent, "BEATBEAT");
            assertEquals("BEAT", readExactly(agent, 4, 5_000));
            send(agent, "hello");
            assertEquals("the client sees only data", "hello", readExactly(client, 5, 5_000));
        }
    }

    @Test
    public void silentAgentIsClosedAtTheHeartbeatAbsenceThreshold() throws Exception {
        Mapping quiet = publicPipe(1, 300);
        try (Socket agent = agent(dev.relay(), quiet.port1(), quiet.passcodePort1())) {
            assertTrue("closed after 300 ms of silence", closedWithin(agent, 5_000));
        }
        Eventually.equal("authenticated agents", 0,
                () -> dev.relay().registry.status(quiet.id()).orElseThrow().agentsPort1());
    }

    @Test
    public void beatingAgentStaysOpenPastTheThreshold() throws Exception {
        Mapping mapping = publicPipe(1, 300);
        try (Socket agent = agent(dev.relay(), mapping.port1(), mapping.passcodePort1())) {
            for (int i = 0; i < 8; i++) {
                send(agent, "BEAT");
                assertEquals("BEAT", readExactly(agent, 4, 5_000));
                Thread.sleep(100);
            }
            assertEquals(1, dev.relay().registry.status(mapping.id()).orElseThrow().agentsPort1());
        }
    }

    @Test
    public void publicClientWithoutAgentWaitsThenIsClosed() throws Exception {
        Mapping mapping = publicPipe(1, 0);
        try (Socket client = dev.relay().connect(mapping.port2())) {
            send(client, "anyone there?");
            assertTrue("waits first", silentFor(client, (int) TestRelay.PUBLIC_CLIENT_WAIT.toMillis() / 3));
            assertTrue("closed after the wait", closedWithin(client, 5_000));
        }
    }

    @Test
    public void publicClientIsPairedWithAnAgentThatArrivesWhileItWaits() throws Exception {
        Mapping mapping = publicPipe(1, 0);
        try (Socket client = dev.relay().connect(mapping.port2())) {
            send(client, "early");
            Thread.sleep(100);
            try (Socket agent = agent(dev.relay(), mapping.port1(), mapping.passcodePort1())) {
                assertEquals("early", readExactly(agent, 5, 5_000));
                send(agent, "reply");
                assertEquals("reply", readExactly(client, 5, 5_000));
            }
        }
    }

    @Test
    public void endOfThePublicSessionClosesItsAgentConnection() throws Exception {
        Mapping mapping = publicPipe(2, 0);
        try (Socket agent = agent(dev.relay(), mapping.port1(), mapping.passcodePort1())) {
            Socket client = dev.relay().connect(mapping.port2());
            send(client, "x");
            assertEquals("x", readExactly(agent, 1, 5_000));
            client.close();
            assertTrue("agent connection closed with the session", closedWithin(agent, 5_000));
        }
    }

    @Test
    public void privatePipeRelaysBothWaysAndHoldsEarlyBytes() throws Exception {
        Mapping mapping = dev.relay().registry.addPrivate(new PrivatePipeSpec(1, 1, 0, 0));
        try (Socket a = agent(dev.relay(), mapping.port1(), mapping.passcodePort1())) {
            send(a, "sent before B came");
            Thread.sleep(100);
            try (Socket b = agent(dev.relay(), mapping.port2(), mapping.passcodePort2())) {
                assertEquals("sent before B came", readExactly(b, 18, 5_000));
                send(b, "and back");
                assertEquals("and back", readExactly(a, 8, 5_000));
                send(a, "BEAT");
                assertEquals("BEAT", readExactly(a, 4, 5_000));
                send(a, "more");
                assertEquals("heartbeats are not relayed", "more", readExactly(b, 4, 5_000));
            }
        }
    }

    @Test
    public void privatePipePasscodesAreNotInterchangeable() throws Exception {
        Mapping mapping = dev.relay().registry.addPrivate(new PrivatePipeSpec(1, 1, 0, 0));
        try (Socket socket = dev.relay().connect(mapping.port1())) {
            send(socket, mapping.passcodePort2());
            assertNull(oneRead(socket, 10, 5_000));
        }
    }
}
