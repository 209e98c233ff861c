package org.iofog.connector.relay.internal;

import io.netty.channel.Channel;

/** What an agent port of a pipe does with connections once they have authenticated. */
interface AgentPort {

    AgentGate gate();

    /** For log lines: {@code port 6001 of mapping <id>}. */
    String describe();

    /**
     * The endpoint of a connection that passed the gate: the port decides what becomes of the bytes it
     * reads before it has a peer.
     *
     * @param holdLimit bytes an endpoint that holds unpaired reads may hold before reading stops
     */
    Endpoint endpointFor(Channel channel, int holdLimit);

    /**
     * A connection passed the gate and its pipeline is set: pair it or keep it ready. Called on its event
     * loop, before anything it sent after the passcode is read.
     *
     * @param handshakeNanos from the TCP accept to the whole passcode (the TLS handshake included): what the
     *                       connection's own round trip and the agent's speed cost it
     */
    void authenticated(Endpoint agent, long handshakeNanos);

    /** An authenticated connection closed. Called on its event loop. */
    void closed(Endpoint agent);
}
