package org.iofog.connector.api.metrics;

/**
 * The relay's gauges (what is there now) and counters (totals since the relay started).
 *
 * @param publicMappings           public pipes open now
 * @param privateMappings          private pipes open now
 * @param directMappings           direct rendezvous entries kept now
 * @param agentConnections         authenticated agent connections open now
 * @param publicClients            public clients connected now
 * @param bytesRelayed             bytes relayed in both directions by the mappings open now
 * @param agentsAuthenticated      agent connections answered {@code AUTHORIZED} since start
 * @param authFailures             agent connections closed for a wrong or missing passcode since start
 * @param heartbeatTimeouts        agent connections closed for heartbeat absence since start
 * @param allocationFailures       mapping adds refused for want of free ports since start
 * @param agentBytesDropped        bytes public-pipe agent connections sent while paired with no client (left over
 *                                 from an earlier session), dropped since start
 * @param sourceRefusals           public clients closed at once because their source address already had its
 *                                 limit of waiting clients, since start
 * @param throttledAuthentications wrong passcodes whose answer was delayed by the slow-down, since start
 */
public record RelayCounters(int publicMappings, int privateMappings, int directMappings, int agentConnections,
                            int publicClients, long bytesRelayed, long agentsAuthenticated, long authFailures,
                            long heartbeatTimeouts, long allocationFailures, long agentBytesDropped,
                            long sourceRefusals, long throttledAuthentications) {
}
