package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;

/**
 * A relay built the way the DS component builds it, in dev mode (plain TCP) or with a given server TLS
 * context, on 127.0.0.1, on the NIO transport or a given one, with the default relay settings (10 s auth
 * timeout, 10 s public client wait, 1 MiB hold) and one accept thread. It lives in the relay's package only
 * because the constructors it calls are package-private; on the bench's plain classpath the split package is
 * harmless.
 */
public final class EmbeddedRelay implements AutoCloseable {

    private final RelayEngine engine;
    private final MappingRegistryImpl registry;
    private final int ioThreads;
    private final List<EventLoop> loopsSeen = new ArrayList<>();

    /**
     * @param mappingsFile  where the registry persists its mappings (a scratch file)
     * @param ports         hands out the mappings' ports
     * @param workerThreads relay I/O event loops (the component uses one per core)
     */
    public EmbeddedRelay(Path mappingsFile, PortAllocator ports, int workerThreads) throws IOException {
        this(mappingsFile, ports, new NioRelayTransport(), workerThreads, false, TlsPolicy.PLAIN);
    }

    /**
     * A relay in dev mode on the given transport.
     *
     * @param transport the transport every listener and connection runs on
     * @param ioThreads relay I/O event loops
     * @param splice    whether public clients' bytes go to their agent connection by kernel splice when the
     *                  transport can and both connections share an event loop (the setting {@code splice})
     */
    public EmbeddedRelay(Path mappingsFile, PortAllocator ports, RelayTransport transport, int ioThreads,
            boolean splice) throws IOException {
        this(mappingsFile, ports, transport, ioThreads, splice, TlsPolicy.PLAIN);
    }

    /**
     * A relay that wraps every connection it accepts (agents and public clients alike) in TLS with this
     * server context, as the component does outside dev mode once the TLS bundle has a certificate.
     *
     * @param serverContext the RELAY context, e.g. from the TLS bundle's {@code ServerContextFactory}
     */
    public EmbeddedRelay(Path mappingsFile, PortAllocator ports, int workerThreads, SslContext serverContext)
            throws IOException {
        this(mappingsFile, ports, new NioRelayTransport(), workerThreads, false, fixed(serverContext));
    }

    private EmbeddedRelay(Path mappingsFile, PortAllocator ports, RelayTransport transport, int ioThreads,
            boolean splice, TlsPolicy tls) throws IOException {
        RelaySettings settings = new RelaySettings("127.0.0.1", Duration.ofSeconds(10), Duration.ofSeconds(10),
                1 << 20, mappingsFile);
        TransportSettings transportSettings = new TransportSettings(transport.name(), ioThreads, 1,
                Duration.ofSeconds(30), splice);
        this.ioThreads = ioThreads;
        engine = new RelayEngine(() -> settings, () -> transportSettings, tls, new AuthThrottle());
        engine.switchTo(transport);
        MappingRegistryImpl created = new MappingRegistryImpl(engine, ports, mappingsFile);
        try {
            created.restore(null);
        } catch (IOException | RuntimeException e) {
            created.closeAll();
            engine.shutdown();
            throw e;
        }
        registry = created;
    }

    /** The same context for every connection: the bench never reloads certificates. */
    private static TlsPolicy fixed(SslContext serverContext) {
        TlsPolicy.RelayTls tls = TlsPolicy.RelayTls.required(serverContext);
        return () -> tls;
    }

    public MappingRegistry registry() {
        return registry;
    }

    /** The relay's I/O event loops. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Bytes the relay moved from public clients to agents by kernel splice so far, counted per whole chunk. */
    public long splicedBytes() {
        return engine.splicedBytes();
    }

    /** How many bytes the relay splices before it counts them: the resolution of {@link #splicedBytes()}. */
    public static int spliceChunk() {
        return RelayEngine.SPLICE_CHUNK;
    }

    /** Connections of the mapping that the relay accepted and has not closed yet; -1 for an unknown id. */
    public int openConnections(String mappingId) {
        Pipe pipe = registry.pipe(mappingId);
        return pipe == null ? -1 : pipe.connections.size();
    }

    /**
     * Which of the relay's I/O event loops serves the connection coming from this local port (of one of
     * our sockets): loops are numbered 0, 1, … in the order this method first meets them. Two
     * connections with the same number relay bytes between them without leaving one thread.
     *
     * @return -1 while the connection is not registered with the relay
     */
    public synchronized int eventLoopNumber(String mappingId, int localPort) {
        EventLoop loop = eventLoopOf(mappingId, localPort);
        if (loop == null) {
            return -1;
        }
        int index = loopsSeen.indexOf(loop);
        if (index < 0) {
            loopsSeen.add(loop);
            index = loopsSeen.size() - 1;
        }
        return index;
    }

    private EventLoop eventLoopOf(String mappingId, int localPort) {
        Pipe pipe = registry.pipe(mappingId);
        if (pipe == null) {
            return null;
        }
        for (Channel channel : pipe.connections) {
            if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getPort() == localPort) {
                return channel.eventLoop();
            }
        }
        return null;
    }

    /** Closes every mapping (the scratch file keeps them) and stops the event loops. */
    @Override
    public void close() {
        registry.closeAll();
        engine.shutdown();
    }
}
