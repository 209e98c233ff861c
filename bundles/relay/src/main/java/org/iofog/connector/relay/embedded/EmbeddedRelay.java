package org.iofog.connector.relay.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.relay.internal.StandaloneRelay;

/**
 * A relay on 127.0.0.1, built the way the relay bundle builds it, in dev mode (plain TCP) or with a fixed
 * server TLS context, on one transport with one accept thread. Its settings never change while it runs.
 */
public final class EmbeddedRelay implements AutoCloseable {

    private final StandaloneRelay relay;
    private final int ioThreads;
    private final List<EventLoop> loopsSeen = new ArrayList<>();

    private EmbeddedRelay(StandaloneRelay relay, int ioThreads) {
        this.relay = relay;
        this.ioThreads = ioThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The mappings as they are on disk (a mappings file and its journal), read without changing anything:
     * for tools that check a running connector's file.
     *
     * @throws IOException the file cannot be read, or it or its journal is not valid
     */
    public static List<Mapping> readMappingsFile(Path mappingsFile) throws IOException {
        return StandaloneRelay.readDurable(mappingsFile);
    }

    public MappingRegistry registry() {
        return relay.registry();
    }

    /** The relay's gauges and totals, as the relay bundle publishes them. */
    public RelayCountersProvider counters() {
        return relay::counters;
    }

    /** The relay's I/O event loops. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Bytes the relay moved from public clients to agents by kernel splice so far, counted per whole chunk. */
    public long splicedBytes() {
        return relay.splicedBytes();
    }

    /** How many bytes the relay splices before it counts them: the resolution of {@link #splicedBytes()}. */
    public static int spliceChunk() {
        return StandaloneRelay.spliceChunk();
    }

    /** Connections of the mapping that the relay accepted and has not closed yet; -1 for an unknown id. */
    public int openConnections(String mappingId) {
        List<Channel> connections = relay.connections(mappingId);
        return connections == null ? -1 : connections.size();
    }

    /**
     * Which of the relay's I/O event loops serves the connection coming from this local port (of one of the
     * caller's sockets): loops are numbered 0, 1, … in the order this method first meets them. Two connections
     * with the same number relay bytes between them without leaving one thread.
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
        List<Channel> connections = relay.connections(mappingId);
        if (connections == null) {
            return null;
        }
        for (Channel channel : connections) {
            if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getPort() == localPort) {
                return channel.eventLoop();
            }
        }
        return null;
    }

    /** Closes every mapping (the mappings file keeps them) and stops the event loops. */
    @Override
    public void close() {
        relay.close();
    }

    /**
     * What the relay is built from. The mappings file, the port allocator and the transport are required;
     * everything else has the relay's default setting.
     */
    public static final class Builder {

        private Path mappingsFile;
        private PortAllocator ports;
        private RelayTransport transport;
        private int ioThreads = 1;
        private boolean splice;
        private SslContext serverContext;
        private Duration authTimeout = Duration.ofSeconds(10);
        private Duration publicClientWait = Duration.ofSeconds(10);
        private int privateHoldBytes = 1 << 20;

        private Builder() {
        }

        /** Where the relay persists its mappings, and restores them from when it starts. */
        public Builder mappingsFile(Path mappingsFile) {
            this.mappingsFile = mappingsFile;
            return this;
        }

        /** Hands out the ports of new mappings and reserves those of restored ones. */
        public Builder ports(PortAllocator ports) {
            this.ports = ports;
            return this;
        }

        /** The transport every listener and connection runs on. */
        public Builder transport(RelayTransport transport) {
            this.transport = transport;
            return this;
        }

        /** Relay I/O event loops (the bundle uses one per core by default); 1 unless set. */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Whether public clients' bytes go to their agent connection by kernel splice when the transport can
         * and both connections share an event loop (the setting {@code splice}); off unless set. Only in dev
         * mode: TLS needs the bytes in the JVM.
         */
        public Builder splice(boolean splice) {
            this.splice = splice;
            return this;
        }

        /**
         * Wraps every connection the relay accepts (agents and public clients alike) in TLS with this server
         * context, as the bundle does outside dev mode once it has a certificate; null (the default) for dev mode
         * without a certificate: plain TCP only.
         */
        public Builder serverContext(SslContext serverContext) {
            this.serverContext = serverContext;
            return this;
        }

        /** How long a new agent connection may take to send its passcode; 10 s unless set. */
        public Builder authTimeout(Duration authTimeout) {
            this.authTimeout = authTimeout;
            return this;
        }

        /** How long a public client waits for an idle agent connection; 10 s unless set. */
        public Builder publicClientWait(Duration publicClientWait) {
            this.publicClientWait = publicClientWait;
            return this;
        }

        /** Bytes held for an absent private-pipe peer before back-pressure; 1 MiB unless set. */
        public Builder privateHoldBytes(int privateHoldBytes) {
            this.privateHoldBytes = privateHoldBytes;
            return this;
        }

        /**
         * Starts the relay and opens the mappings the file holds; returns once they listen.
         *
         * @throws IOException the mappings file exists but cannot be read
         */
        public EmbeddedRelay build() throws IOException {
            Objects.requireNonNull(mappingsFile, "mappingsFile");
            Objects.requireNonNull(ports, "ports");
            Objects.requireNonNull(transport, "transport");
            RelaySettings settings = new RelaySettings("127.0.0.1", authTimeout, publicClientWait, privateHoldBytes,
                    mappingsFile);
            TransportSettings transportSettings = new TransportSettings(transport.name(), ioThreads, 1,
                    Duration.ofSeconds(30), splice);
            return new EmbeddedRelay(new StandaloneRelay(settings, transportSettings, transport, ports, serverContext),
                    ioThreads);
        }
    }
}
