package org.iofog.connector.group.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.iofog.connector.api.group.ReplicaTarget;
import org.iofog.connector.api.mapping.Mapping;

/** A member's mappings in memory, standing in for the relay: what the group opened and closed here. */
final class FakeReplica implements ReplicaTarget {

    private final Map<String, Mapping> open = new LinkedHashMap<>();
    /** Ports another process holds on this member: a mapping on them cannot open. */
    final Set<Integer> foreignPorts = ConcurrentHashMap.newKeySet();

    synchronized void add(Mapping m) {
        open.put(m.id(), m);
    }

    synchronized boolean has(String id) {
        return open.containsKey(id);
    }

    synchronized Set<String> ids() {
        return Set.copyOf(open.keySet());
    }

    @Override
    public synchronized List<Mapping> mappings() {
        return new ArrayList<>(open.values());
    }

    @Override
    public synchronized Optional<String> open(Mapping m) {
        if (open.containsKey(m.id())) {
            return Optional.empty();
        }
        if (foreignPorts.contains(m.port1()) || foreignPorts.contains(m.port2())) {
            return Optional.of("port in use by another process");
        }
        open.put(m.id(), m);
        return Optional.empty();
    }

    @Override
    public synchronized boolean close(String id) {
        return open.remove(id) != null;
    }
}
