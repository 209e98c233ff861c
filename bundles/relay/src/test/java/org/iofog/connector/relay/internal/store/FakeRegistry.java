package org.iofog.connector.relay.internal.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;

/**
 * Stands in for the registry: mappings in memory under one lock and a version bumped by every change,
 * feeding {@link MappingStore.Snapshot}s the way the real registry does.
 */
final class FakeRegistry {

    private final Map<String, Mapping> mappings = new LinkedHashMap<>();
    private long version;

    /** @return the version that contains the change */
    synchronized long add(Mapping mapping) {
        mappings.put(mapping.id(), mapping);
        return ++version;
    }

    synchronized long remove(String id) {
        mappings.remove(id);
        return ++version;
    }

    synchronized MappingStore.Snapshot snapshot() {
        return new MappingStore.Snapshot(version, List.copyOf(mappings.values()));
    }

    // Millisecond creation times: the file stores epoch ms, so these survive a round trip unchanged.
    private static Instant created() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    static Mapping publicMapping(int port1, int port2) {
        return new Mapping(UUID.randomUUID().toString(), MappingType.PUBLIC, port1, port2, 60, 0,
                UUID.randomUUID().toString(), "", 200000, 200000, created());
    }

    static Mapping privateMapping(int port1, int port2) {
        return new Mapping(UUID.randomUUID().toString(), MappingType.PRIVATE, port1, port2, 1, 1,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), 200000, 150000, created());
    }

    static Mapping directMapping() {
        return new Mapping(UUID.randomUUID().toString(), MappingType.DIRECT, 0, 0, 0, 0,
                UUID.randomUUID().toString(), "", 0, 0, created());
    }
}
