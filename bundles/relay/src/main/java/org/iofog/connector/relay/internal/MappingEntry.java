package org.iofog.connector.relay.internal;

import java.io.IOException;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;

/** What the registry keeps for one mapping: a {@link Pipe} with its listeners, or a {@link DirectEntry}. */
interface MappingEntry {

    Mapping mapping();

    /** Starts serving the mapping; returns once it does, or throws having started nothing. */
    void open() throws IOException;

    /** Stops serving the mapping; returns once its ports are released. */
    void close();

    MappingStatus status();
}
