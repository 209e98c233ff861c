package org.iofog.connector.rest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where two agents of a direct entry meet: the first caller's data waits until the second calls,
 * and each is given the other's. A caller that calls again (polling) refreshes its own data. Data
 * older than the configured wait is dropped, so a caller that went away is not handed to the next.
 */
final class DirectRendezvous {

    /** What one agent told the connector about itself, and when. */
    record Caller(String ip, String remoteIp, int port, String certificate, long at) {

        boolean sameAgent(Caller other) {
            return ip.equals(other.ip) && remoteIp.equals(other.remoteIp) && port == other.port;
        }
    }

    private static final int AGENTS_PER_ENTRY = 2;

    private final Map<String, List<Caller>> waiting = new HashMap<>();

    /**
     * Records the caller for the entry and returns the other agent's data, or empty when the caller is
     * the only one there (it is told to wait).
     */
    synchronized Optional<Caller> meet(String id, Caller caller, Duration wait) {
        dropOlderThan(caller.at() - wait.toMillis());
        List<Caller> callers = waiting.computeIfAbsent(id, ignored -> new ArrayList<>());
        callers.removeIf(caller::sameAgent);
        Optional<Caller> other = callers.isEmpty() ? Optional.empty() : Optional.of(callers.get(callers.size() - 1));
        callers.add(caller);
        while (callers.size() > AGENTS_PER_ENTRY) {
            callers.remove(0);
        }
        return other;
    }

    synchronized void forget(String id) {
        waiting.remove(id);
    }

    /** Callers of the entry whose data is waiting for the other agent. */
    synchronized int waitingCallers(String id) {
        return waiting.getOrDefault(id, List.of()).size();
    }

    private void dropOlderThan(long cutoff) {
        waiting.values().forEach(callers -> callers.removeIf(c -> c.at() < cutoff));
        waiting.values().removeIf(List::isEmpty);
    }
}
