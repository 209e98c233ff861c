package org.iofog.connector.relay.internal;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Public clients waiting for an agent connection, served round-robin across their source addresses
 * (first come, first served within one address), so that a flood from one address cannot push a client
 * from another to the back of the line. Not thread-safe: the pipe guards it.
 *
 * @param <C> a waiting client
 */
final class WaitingClients<C> {

    private final Map<InetAddress, ArrayDeque<C>> bySource = new HashMap<>();
    /** Each address with a waiting client once, in the order they are served. */
    private final ArrayDeque<InetAddress> turns = new ArrayDeque<>();
    private int size;

    void add(InetAddress source, C client) {
        ArrayDeque<C> line = bySource.computeIfAbsent(source, key -> new ArrayDeque<>());
        if (line.isEmpty()) {
            turns.add(source);
        }
        line.add(client);
        size++;
    }

    /** @return whether the client was waiting */
    boolean remove(InetAddress source, C client) {
        ArrayDeque<C> line = bySource.get(source);
        if (line == null || !line.remove(client)) {
            return false;
        }
        size--;
        if (line.isEmpty()) {
            bySource.remove(source);
            turns.remove(source);
        }
        return true;
    }

    /**
     * The next client in turn among the addresses that may take one more connection; its address goes to the
     * back of the turns. Null when no address that may take one has a waiting client.
     */
    C poll(Predicate<InetAddress> mayTakeOne) {
        for (int i = turns.size(); i > 0; i--) {
            InetAddress source = turns.poll();
            ArrayDeque<C> line = bySource.get(source);
            if (!mayTakeOne.test(source)) {
                turns.add(source);
                continue;
            }
            C client = line.poll();
            size--;
            if (line.isEmpty()) {
                bySource.remove(source);
            } else {
                turns.add(source);
            }
            return client;
        }
        return null;
    }

    int waitingFrom(InetAddress source) {
        ArrayDeque<C> line = bySource.get(source);
        return line == null ? 0 : line.size();
    }

    int size() {
        return size;
    }
}
