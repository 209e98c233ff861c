package org.iofog.connector.relay.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import org.iofog.connector.api.mapping.Mapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A public pipe: agent connections authenticate on port1 and wait, idle; each public client on port2
 * is paired with one idle agent connection, and bytes flow both ways until either side closes. Then
 * the other side is closed too, so that nothing of one client's session can reach the next client
 * (the agent keeps its link to the local service across clients and is never told one left).
 */
final class PublicPipe extends Pipe implements AgentPort {

    private static final Logger LOG = LoggerFactory.getLogger(PublicPipe.class);

    private final AgentGate gate;
    private final AtomicInteger publicClients = new AtomicInteger();
    // Guarded by `this`.
    private final ArrayDeque<Endpoint> idleAgents = new ArrayDeque<>();
    private final ArrayDeque<Endpoint> waitingClients = new ArrayDeque<>();

    PublicPipe(Mapping mapping, RelayEngine engine) {
        super(mapping, engine);
        this.gate = new AgentGate(mapping.passcodePort1(), mapping.maxConnectionsPort1(),
                mapping.heartbeatAbsenceThresholdPort1());
    }

    @Override
    void accepted(Channel channel, int port) {
        if (port == 1) {
            engine.startAgent(channel, this);
            return;
        }
        if (!engine.startPublicClient(channel)) {
            return;
        }
        publicClients.incrementAndGet();
        Endpoint client = new Endpoint(channel, bytesPort2ToPort1, engine.settings().privateHoldBytes());
        channel.pipeline().addLast("relay", new RelayHandler(client, null, () -> clientClosed(client)));
        long waitMillis = engine.settings().publicClientWait().toMillis();
        // Runs on the client's event loop once it is registered, after the pipeline is complete.
        channel.eventLoop().execute(() -> clientArrived(client, waitMillis));
    }

    @Override
    public AgentGate gate() {
        return gate;
    }

    @Override
    public String describe() {
        return "port " + mapping.port1() + " of mapping " + mapping.id();
    }

    @Override
    public LongAdder bytesFromAgents() {
        return bytesPort1ToPort2;
    }

    @Override
    public void authenticated(Endpoint agent) {
        Endpoint client;
        synchronized (this) {
            client = waitingClients.poll();
            if (client == null) {
                idleAgents.add(agent);
                return;
            }
        }
        pair(agent, client);
    }

    @Override
    public void closed(Endpoint agent) {
        synchronized (this) {
            idleAgents.remove(agent);
        }
        Endpoint client = agent.peer();
        if (client != null) {
            client.channel().close();
        }
    }

    private void clientArrived(Endpoint client, long waitMillis) {
        Endpoint agent;
        synchronized (this) {
            agent = takeIdleAgent(client);
            if (agent == null) {
                waitingClients.add(client);
            }
        }
        if (agent != null) {
            pair(agent, client);
            return;
        }
        client.channel().eventLoop().schedule(() -> {
            boolean stillWaiting;
            synchronized (this) {
                stillWaiting = waitingClients.remove(client);
            }
            if (stillWaiting) {
                LOG.info("Public client {} of mapping {} closed: no agent connection became free within {} ms",
                        client.channel().remoteAddress(), mapping.id(), waitMillis);
                client.channel().close();
            }
        }, waitMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * An idle agent connection on the client's own event loop if there is one, so that the pair's
     * bytes never hop between threads; otherwise the longest idle. Agents keep pools of connections,
     * so one on the right loop is usually there. Called under the pipe's lock.
     */
    private Endpoint takeIdleAgent(Endpoint client) {
        for (Iterator<Endpoint> it = idleAgents.iterator(); it.hasNext(); ) {
            Endpoint agent = it.next();
            if (agent.channel().eventLoop() == client.channel().eventLoop()) {
                it.remove();
                return agent;
            }
        }
        return idleAgents.poll();
    }

    private void clientClosed(Endpoint client) {
        publicClients.decrementAndGet();
        synchronized (this) {
            waitingClients.remove(client);
        }
        Endpoint agent = client.peer();
        if (agent != null) {
            agent.channel().close();
        }
    }

    private void pair(Endpoint agent, Endpoint client) {
        Endpoint.link(agent, client);
        // Queued behind the client's own part of the link, so its held bytes are passed on first.
        client.channel().eventLoop().execute(() -> engine.spliceIfPossible(client, agent));
        if (!agent.channel().isActive()) {
            client.channel().close();
        } else if (!client.channel().isActive()) {
            agent.channel().close();
        }
    }

    @Override
    int agentsPort1() {
        return gate.authenticated();
    }

    @Override
    int agentsPort2() {
        return 0;
    }

    @Override
    int publicClients() {
        return publicClients.get();
    }
}
