package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.iofog.connector.relay.internal.Wire.readExactly;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Rule;
import org.junit.Test;

/**
 * A public client is placed on the event loop of the idle agent connection it will be paired with, so that
 * the pair relays on one thread. The relay runs two I/O loops; the connector's side of each test socket is
 * found by its port.
 */
public class PublicClientPlacementTest {

    @Rule
    public DevRelay dev = new DevRelay();

    @Test
    public void eachLoneClientRunsOnTheLoopOfTheAgentConnectionItIsGiven() throws Exception {
        TestRelay relay = dev.relay();
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
        PublicPipe pipe = (PublicPipe) relay.registry.pipe(mapping.id());
        Set<EventLoop> agentLoops = new HashSet<>();
        // Each session closes its agent connection, and the next one is accepted on a loop of its own
        // choosing (round-robin, shared with the client connections): the clients must follow.
        for (int session = 0; session < 6; session++) {
            try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1())) {
                Eventually.equal("the agent connection is idle", 1, pipe::idleAgents);
                try (Socket client = relay.connect(mapping.port2())) {
                    send(client, "ping");
                    assertEquals("ping", readExactly(agent, 4, 5_000));
                    EventLoop agentLoop = loopOf(pipe, agent);
                    agentLoops.add(agentLoop);
                    assertSame("session " + session + ": the client's loop", agentLoop, loopOf(pipe, client));
                }
            }
        }
        assertEquals("the agent connections used both loops", 2, agentLoops.size());
    }

    @Test
    public void clientsArrivingTogetherSpreadOverTheLoopsOfTheIdleAgentConnections() throws Exception {
        TestRelay relay = dev.relay();
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(4, 0));
        PublicPipe pipe = (PublicPipe) relay.registry.pipe(mapping.id());
        List<Socket> agents = new ArrayList<>();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                agents.add(agent(relay, mapping.port1(), mapping.passcodePort1()));
            }
            Eventually.equal("the agent connections are idle", 4, pipe::idleAgents);
            Set<EventLoop> agentLoops = new HashSet<>();
            for (Socket agent : agents) {
                agentLoops.add(loopOf(pipe, agent));
            }
            assertEquals("agent connections are spread round-robin", 2, agentLoops.size());
            for (int i = 0; i < 4; i++) {
                clients.add(relay.connect(mapping.port2()));
            }
            for (int i = 0; i < 4; i++) {
                send(clients.get(i), "client" + i);
            }
            for (Socket agent : agents) {
                String from = readExactly(agent, 7, 5_000);
                Socket client = clients.get(from.charAt(6) - '0');
                assertSame(from + ": the client's loop", loopOf(pipe, agent), loopOf(pipe, client));
            }
        } finally {
            for (Socket socket : clients) {
                socket.close();
            }
            for (Socket socket : agents) {
                socket.close();
            }
        }
    }

    /** The loop of the connector's end of a test socket. */
    private static EventLoop loopOf(Pipe pipe, Socket socket) {
        for (Channel channel : pipe.connections) {
            if (((InetSocketAddress) channel.remoteAddress()).getPort() == socket.getLocalPort()) {
                return channel.eventLoop();
            }
        }
        assertNotNull("no connection of the pipe comes from port " + socket.getLocalPort(), null);
        return null;
    }
}
