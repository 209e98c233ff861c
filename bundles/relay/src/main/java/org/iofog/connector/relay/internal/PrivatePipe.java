package org.iofog.connector.relay.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.iofog.connector.api.mapping.Mapping;

/**
 * A private pipe: agent A authenticates on port1 with passcode1, agent B on port2 with passcode2, and
 * bytes read from one are written to the other. While one side is absent the other's bytes are held
 * (up to a bound, then reading stops), and a side that comes back is paired again.
 */
final class PrivatePipe extends Pipe {

    private final Side one;
    private final Side two;
    private EventLoop loop;

    PrivatePipe(Mapping mapping, RelayEngine engine) {
        super(mapping, engine);
        this.one = new Side(mapping.port1(), new AgentGate(mapping.passcodePort1(), mapping.maxConnectionsPort1(),
                mapping.heartbeatAbsenceThresholdPort1()), bytesPort1ToPort2);
        this.two = new Side(mapping.port2(), new AgentGate(mapping.passcodePort2(), mapping.maxConnectionsPort2(),
                mapping.heartbeatAbsenceThresholdPort2()), bytesPort2ToPort1);
    }

    /**
     * Both agents of a private pipe live on one event loop, chosen when the pipe opens: every byte
     * then goes from one socket to the other without a hand-off between threads (a measured 20-30 %
     * of latency and of throughput for split pairs). Many pipes still spread over all loops. After a
     * transport swap the pipe takes a loop of the new transport.
     */
    @Override
    synchronized EventLoopGroup connectionLoops(EventLoopGroup workers, int port) {
        if (loop == null || loop.parent() != workers) {
            loop = workers.next();
        }
        return loop;
    }

    @Override
    void accepted(Channel channel, int port) {
        engine.startAgent(channel, port == 1 ? one : two);
    }

    /** Pairs waiting agents of both sides, oldest first. */
    private void pairWaiting() {
        while (true) {
            Endpoint a;
            Endpoint b;
            synchronized (this) {
                if (one.unpaired.isEmpty() || two.unpaired.isEmpty()) {
                    return;
                }
                a = one.unpaired.poll();
                b = two.unpaired.poll();
                // A connection that closed on its way into the queue must not swallow the other's bytes.
                if (!a.channel().isActive() || !b.channel().isActive()) {
                    if (a.channel().isActive()) {
                        one.unpaired.addFirst(a);
                    }
                    if (b.channel().isActive()) {
                        two.unpaired.addFirst(b);
                    }
                    continue;
                }
            }
            Endpoint.link(a, b);
        }
    }

    /** One agent port of the pipe. */
    private final class Side implements AgentPort {

        private final int port;
        private final AgentGate gate;
        private final LongAdder bytesFromAgents;
        // Guarded by the pipe.
        private final ArrayDeque<Endpoint> unpaired = new ArrayDeque<>();

        Side(int port, AgentGate gate, LongAdder bytesFromAgents) {
            this.port = port;
            this.gate = gate;
            this.bytesFromAgents = bytesFromAgents;
        }

        @Override
        public AgentGate gate() {
            return gate;
        }

        @Override
        public String describe() {
            return "port " + port + " of mapping " + mapping.id();
        }

        @Override
        public Endpoint endpointFor(Channel channel, int holdLimit) {
            // While the other side is absent, what this side sends is held for it.
            return new Endpoint(channel, bytesFromAgents, holdLimit);
        }

        @Override
        public void authenticated(Endpoint agent, long handshakeNanos) {
            synchronized (PrivatePipe.this) {
                unpaired.add(agent);
            }
            pairWaiting();
        }

        @Override
        public void closed(Endpoint agent) {
            synchronized (PrivatePipe.this) {
                unpaired.remove(agent);
            }
            Endpoint survivor = agent.peer();
            if (survivor == null) {
                return;
            }
            // The survivor stays connected and holds what it reads until a new peer arrives.
            survivor.detach();
            Side survivorSide = this == one ? two : one;
            synchronized (PrivatePipe.this) {
                if (survivor.channel().isActive()) {
                    survivorSide.unpaired.addFirst(survivor);
                }
            }
            pairWaiting();
        }
    }

    @Override
    int agentsPort1() {
        return one.gate.authenticated();
    }

    @Override
    int agentsPort2() {
        return two.gate.authenticated();
    }

    @Override
    int publicClients() {
        return 0;
    }
}
