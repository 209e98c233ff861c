package org.iofog.connector.relay.internal;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;

/**
 * A direct rendezvous entry: kept and persisted with the mappings, but it has no relay ports, no listeners and
 * no connections (the agents meet through the REST API).
 */
record DirectEntry(Mapping mapping) implements MappingEntry {

    @Override
    public void open() {
        // Nothing listens.
    }

    @Override
    public void close() {
        // Nothing to close.
    }

    @Override
    public MappingStatus status() {
        return new MappingStatus(mapping, false, false, 0, 0, 0, 0, 0);
    }
}
