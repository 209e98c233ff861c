package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;

import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;

/**
 * The relay's own test fixture (a real relay on 127.0.0.1 in dev mode, ports the kernel says are free)
 * opened to the REST API's tests, which live in another package. Only tests see this split package.
 */
public final class RelayForRestTests implements AutoCloseable {

    private final TestRelay relay;

    private RelayForRestTests(TestRelay relay) {
        this.relay = relay;
    }

    public static RelayForRestTests start(Path dir) throws IOException {
        return new RelayForRestTests(TestRelay.plain(dir));
    }

    public MappingRegistry registry() {
        return relay.registry;
    }

    public RelayCountersProvider counters() {
        return relay.registry::counters;
    }

    public PortAllocator ports() {
        return relay.ports;
    }

    /** Lets only this many ports be handed out in total, to provoke "No enough available ports". */
    public void limitPorts(int limit) {
        relay.ports.limit = limit;
    }

    public Path mappingsFile() {
        return relay.mappingsFile;
    }

    /** A plain connection to a relay port, as an agent or a public client opens it in dev mode. */
    public Socket connect(int port) throws IOException {
        return relay.connect(port);
    }

    @Override
    public void close() {
        relay.close();
    }
}
