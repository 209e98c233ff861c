package org.iofog.connector.relay.internal;

import java.util.concurrent.atomic.LongAdder;

/** What an agent port of a pipe does with connections once they have authenticated. */
interface AgentPort {

    AgentGate gate();

    /** For log lines: {@code port 6001 of mapping <id>}. */
    String describe();

    /** Counts bytes relayed from this port's agents to the other side. */
    LongAdder bytesFromAgents();

    /** A connection passed the gate: pair it or keep it ready. Called on its event loop. */
    void authenticated(Endpoint agent);

    /** An authenticated connection closed. Called on its event loop. */
    void closed(Endpoint agent);
}
