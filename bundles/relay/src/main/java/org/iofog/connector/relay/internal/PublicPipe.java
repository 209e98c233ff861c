package org.iofog.connector.relay.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.settings.RelaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A public pipe: agent connections authenticate on port1, settle (see {@link PublicAgent}) and wait,
 * idle; each public client on port2, once it may (after its TLS handshake), is paired with one idle agent
 * connection, and bytes flow both ways until either side closes. Then the other side is closed too, so
 * that nothing of one client's session can reach the next client (the agent keeps its link to the local
 * service across clients and is never told one left).
 *
 * <p>Clients waiting for an agent connection are served round-robin across their source addresses; an
 * address may hold at most its share of the mapping's connections and have at most so many clients
 * waiting ({@code source.max.share}, {@code source.max.waiting}), so that one address cannot starve
 * the others.
 */
final class PublicPipe extends Pipe implements AgentPort, PublicAgent.Pool {

    /** The longest a fresh agent connection settles, however slow its handshake was. */
    static final long MAX_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(PublicPipe.class);

    /** A public client and what the pipe knows of it. */
    private static final class Client {
        final Endpoint endpoint;
        final InetAddress source;
        /** The agent connection it was given; guarded by the pipe. */
        PublicAgent agent;

        Client(Endpoint endpoint, InetAddress source) {
            this.endpoint = endpoint;
            this.source = source;
        }
    }

    private record Pairing(PublicAgent agent, Client client) {
    }

    private final AgentGate gate;
    private final AtomicInteger publicClients = new AtomicInteger();
    // Guarded by `this`.
    private final ArrayDeque<PublicAgent> idleAgents = new ArrayDeque<>();
    private final WaitingClients<Client> waiting = new WaitingClients<>();
    private final Map<InetAddress, Integer> heldBySource = new HashMap<>();

    PublicPipe(Mapping mapping, RelayEngine engine) {
        super(mapping, engine);
        this.gate = new AgentGate(mapping.passcodePort1(), mapping.maxConnectionsPort1(),
                mapping.heartbeatAbsenceThresholdPort1());
    }

    /**
     * Public clients go to the loop of an idle agent connection, the one {@link #takeIdleAgent} then gives
     * them when it is still idle once they are ready: a lone client and its agent share a thread, and a
     * relayed round trip wakes one thread of the connector instead of two. Each accepted client is sent
     * to the next idle connection's loop in turn, so that a burst of clients spreads as the idle agent
     * connections do instead of all going where the first one is. Without an idle agent connection,
     * round-robin. Agent connections are spread round-robin.
     */
    @Override
    EventLoopGroup connectionLoops(EventLoopGroup workers, int port) {
        return port == 2 ? new PreferredLoopGroup(workers, this::loopOfNextIdleAgent) : workers;
    }

    /** On the accepting thread. */
    private synchronized EventLoop loopOfNextIdleAgent() {
        PublicAgent agent = idleAgents.poll();
        if (agent == null) {
            return null;
        }
        idleAgents.add(agent);
        return agent.channel().eventLoop();
    }

    @Override
    void accepted(Channel channel, int port) {
        if (port == 1) {
            engine.startAgent(channel, this);
            return;
        }
        Client client = new Client(new Endpoint(channel, bytesPort2ToPort1, engine.settings().privateHoldBytes()),
                sourceOf(channel));
        if (!engine.startPublicClient(channel, () -> clientReady(client))) {
            return;
        }
        publicClients.incrementAndGet();
        channel.pipeline().addLast("relay", new RelayHandler(client.endpoint, null, () -> clientClosed(client)));
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
    public Endpoint endpointFor(Channel channel, int holdLimit) {
        return new PublicAgent(channel, bytesPort1ToPort2, holdLimit, this).endpoint;
    }

    @Override
    public void authenticated(Endpoint endpoint, long handshakeNanos) {
        agentOf(endpoint).settle(settleNanos(handshakeNanos));
    }

    /**
     * Twice the connection's handshake: the agent's resent bytes arrive about one round trip after
     * {@code AUTHORIZED} went out, and a slow link or a slow agent shows in its handshake. Never less than
     * the configured least settle time (100 ms), which covers the agent's own scheduling and, above all, a
     * local service's last segment held back by Nagle's algorithm until the agent's delayed ACK: about 40 ms
     * on Linux, found with the real agent and a Python echo service (25 ms let such tails through).
     */
    private long settleNanos(long handshakeNanos) {
        long least = engine.settings().agentSettleMin().toNanos();
        return Math.max(least, Math.min(2 * handshakeNanos, MAX_SETTLE_NANOS));
    }

    @Override
    public void settled(PublicAgent agent) {
        Client client;
        synchronized (this) {
            if (agent.state != PublicAgent.State.SETTLING) {
                return;
            }
            client = waiting.poll(this::mayTakeOne);
            if (client == null) {
                agent.state = PublicAgent.State.IDLE;
                idleAgents.add(agent);
                return;
            }
            give(agent, client);
        }
        pair(agent, client);
    }

    @Override
    public boolean droppedBeforePairing(PublicAgent agent, int bytes) {
        engine.statistics().agentBytesDropped(bytes);
        LOG.debug("Dropped {} bytes that agent connection {} sent to {} while it served no client",
                bytes, agent.channel().remoteAddress(), describe());
        synchronized (this) {
            if (agent.state == PublicAgent.State.IDLE) {
                idleAgents.remove(agent);
                agent.state = PublicAgent.State.SETTLING;
            }
            return agent.state == PublicAgent.State.SETTLING;
        }
    }

    @Override
    public void closed(Endpoint endpoint) {
        PublicAgent agent = agentOf(endpoint);
        synchronized (this) {
            if (agent.state == PublicAgent.State.IDLE) {
                idleAgents.remove(agent);
            }
            agent.state = PublicAgent.State.CLOSED;
        }
        Endpoint client = endpoint.peer();
        if (client != null) {
            client.channel().close();
        }
    }

    /** The client may take an agent connection now (plain TCP, or its TLS handshake is done). On its loop. */
    private void clientReady(Client client) {
        Channel channel = client.endpoint.channel();
        PublicAgent agent = null;
        boolean refused = false;
        RelaySettings settings = engine.settings();
        synchronized (this) {
            if (!channel.isActive()) {
                return;
            }
            if (mayTakeOne(client.source)) {
                agent = takeIdleAgent(client);
            }
            if (agent != null) {
                give(agent, client);
            } else if (settings.sourceMaxWaiting() > 0
                    && waiting.waitingFrom(client.source) >= settings.sourceMaxWaiting()) {
                refused = true;
            } else {
                waiting.add(client.source, client);
            }
        }
        if (agent != null) {
            pair(agent, client);
        } else if (refused) {
            engine.statistics().sourceRefused();
            LOG.debug("Public client {} of mapping {} closed: {} clients from its address wait already", channel
                    .remoteAddress(), mapping.id(), settings.sourceMaxWaiting());
            channel.close();
        } else {
            long waitMillis = settings.publicClientWait().toMillis();
            channel.eventLoop().schedule(() -> waitedTooLong(client, waitMillis), waitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void waitedTooLong(Client client, long waitMillis) {
        boolean stillWaiting;
        synchronized (this) {
            stillWaiting = waiting.remove(client.source, client);
        }
        if (stillWaiting) {
            LOG.info("Public client {} of mapping {} closed: no agent connection became free within {} ms",
                    client.endpoint.channel().remoteAddress(), mapping.id(), waitMillis);
            client.endpoint.channel().close();
        }
    }

    private void clientClosed(Client client) {
        publicClients.decrementAndGet();
        PublicAgent agent;
        List<Pairing> pairings = List.of();
        synchronized (this) {
            waiting.remove(client.source, client);
            agent = client.agent;
            if (agent != null) {
                heldBySource.computeIfPresent(client.source, (source, held) -> held == 1 ? null : held - 1);
                // Its address may take another connection now, and one may be idle.
                pairings = matchWaiting();
            }
        }
        for (Pairing pairing : pairings) {
            pair(pairing.agent(), pairing.client());
        }
        if (agent != null) {
            agent.channel().close();
        }
    }

    /** Gives idle agent connections to waiting clients that may take one. Under the lock. */
    private List<Pairing> matchWaiting() {
        List<Pairing> pairings = new ArrayList<>(0);
        while (!idleAgents.isEmpty()) {
            Client client = waiting.poll(this::mayTakeOne);
            if (client == null) {
                break;
            }
            PublicAgent agent = takeIdleAgent(client);
            give(agent, client);
            pairings.add(new Pairing(agent, client));
        }
        return pairings;
    }

    /** Whether the address holds fewer than its share of the mapping's connections. Under the lock. */
    private boolean mayTakeOne(InetAddress source) {
        int cap = engine.settings().sourceCap(mapping.maxConnectionsPort1());
        return heldBySource.getOrDefault(source, 0) < cap;
    }

    /** Under the lock. */
    private void give(PublicAgent agent, Client client) {
        agent.state = PublicAgent.State.PAIRED;
        client.agent = agent;
        heldBySource.merge(client.source, 1, Integer::sum);
    }

    /**
     * An idle agent connection on the client's own event loop if there is one, so that the pair's bytes
     * never hop between threads; otherwise the first in line. Every idle connection has settled. Under the lock.
     */
    private PublicAgent takeIdleAgent(Client client) {
        for (Iterator<PublicAgent> it = idleAgents.iterator(); it.hasNext(); ) {
            PublicAgent agent = it.next();
            if (agent.channel().eventLoop() == client.endpoint.channel().eventLoop()) {
                it.remove();
                return agent;
            }
        }
        return idleAgents.poll();
    }

    private void pair(PublicAgent agent, Client client) {
        Endpoint.link(agent.endpoint, client.endpoint);
        // Queued behind the client's own part of the link, so its held bytes are passed on first.
        client.endpoint.channel().eventLoop().execute(() -> engine.spliceIfPossible(client.endpoint, agent.endpoint));
        if (!agent.channel().isActive()) {
            client.endpoint.channel().close();
        } else if (!client.endpoint.channel().isActive()) {
            agent.channel().close();
        }
    }

    /** Public-pipe agent endpoints are made by {@link #endpointFor} and know their {@link PublicAgent}. */
    private static PublicAgent agentOf(Endpoint endpoint) {
        return (PublicAgent) endpoint.unpairedReads();
    }

    private static InetAddress sourceOf(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress()
                : InetAddress.getLoopbackAddress();
    }

    @Override
    int agentsPort1() {
        return gate.authenticated();
    }

    @Override
    int agentsPort2() {
        return 0;
    }

    /** Settled agent connections waiting for a client. */
    synchronized int idleAgents() {
        return idleAgents.size();
    }

    @Override
    int publicClients() {
        return publicClients.get();
    }
}
