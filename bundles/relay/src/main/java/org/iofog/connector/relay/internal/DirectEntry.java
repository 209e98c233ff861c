package org.iofog.connector.relay.internal;

import io.netty.channel.Channel;
import org.iofog.connector.api.mapping.Mapping;

/** A direct rendezvous entry: kept and persisted with the mappings, but it has no relay ports. */
final class DirectEntry extends Pipe {

    DirectEntry(Mapping mapping, RelayEngine engine) {
        super(mapping, engine);
    }

    @Override
    void open() {
        // No listeners: the agents meet through the REST API.
    }

    @Override
    void accepted(Channel channel, int port) {
        throw new IllegalStateException("a direct entry accepts no connections");
    }

    @Override
    int agentsPort1() {
        return 0;
    }

    @Override
    int agentsPort2() {
        return 0;
    }

    @Override
    int publicClients() {
        return 0;
    }
}
