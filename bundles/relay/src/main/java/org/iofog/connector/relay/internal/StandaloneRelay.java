package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.relay.internal.store.MappingStore;

/**
 * The relay's parts put together by hand, as the DS components put them together, with fixed settings and
 * no OSGi. Public only so that the exported {@code org.iofog.connector.relay.embedded} package can build on it;
 * this package stays private to the bundle.
 */
public final class StandaloneRelay implements AutoCloseable {

    private final RelayEngine engine;
    private final MappingRegistryImpl registry;
    private final RelayCountersComponent counters;

    /**
     * Starts the relay on {@code transport} and opens the mappings {@code settings.mappingsFile()} holds.
     *
     * @param serverContext the server context every accepted connection must speak TLS with; null for dev
     *                      mode (plain TCP only)
     */
    public StandaloneRelay(RelaySettings settings, TransportSettings transportSettings, RelayTransport transport,
            PortAllocator ports, SslContext serverContext) throws IOException {
        TlsPolicy tls = serverContext == null ? TlsPolicy.PLAIN : fixed(serverContext);
        boolean dev = serverContext == null;
        engine = new RelayEngine(() -> settings, () -> transportSettings, tls, () -> dev, new AuthThrottle());
        engine.switchTo(transport);
        MappingRegistryImpl created = new MappingRegistryImpl(engine, ports, settings.mappingsFile());
        try {
            created.restore(null);
        } catch (IOException | RuntimeException e) {
            created.closeAll();
            engine.shutdown();
            throw e;
        }
        registry = created;
        counters = new RelayCountersComponent(registry, engine.statistics());
    }

    /** The same context for every connection: nothing reloads certificates here. */
    private static TlsPolicy fixed(SslContext serverContext) {
        TlsPolicy.RelayTls tls = TlsPolicy.RelayTls.required(serverContext);
        return () -> tls;
    }

    public MappingRegistry registry() {
        return registry;
    }

    public RelayCounters counters() {
        return counters.counters();
    }

    /** Bytes moved by kernel splice so far, counted per whole {@link #spliceChunk()}. */
    public long splicedBytes() {
        return engine.splicedBytes();
    }

    public static int spliceChunk() {
        return Splicer.CHUNK;
    }

    /** The connections the mapping's listeners accepted and that are still open; null for an unknown id. */
    public List<Channel> connections(String mappingId) {
        Pipe pipe = registry.pipe(mappingId);
        return pipe == null ? null : List.copyOf(pipe.connections);
    }

    /** The mappings on disk (the file and its journal), read without changing anything. */
    public static List<Mapping> readDurable(Path mappingsFile) throws IOException {
        return MappingStore.readDurable(mappingsFile);
    }

    /** Closes every mapping (the file keeps them) and stops the event loops. */
    @Override
    public void close() {
        registry.closeAll();
        engine.shutdown();
    }
}
