package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets under every pipe: the event loops of one {@link RelayTransport}, the listeners, and the
 * handlers each accepted connection starts with.
 */
final class RelayEngine {

    /** Largest TLS record on the wire: 2^14 bytes of plaintext plus expansion, plus the 5-byte header. */
    static final int MAX_TLS_RECORD = (1 << 14) + 2048 + 5;
    /** Per-connection outbound buffer bounds: above the high mark the sending side stops reading. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private static final Logger LOG = LoggerFactory.getLogger(RelayEngine.class);

    private final RelayTransport transport;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Supplier<RelaySettings> settings;
    private final TlsPolicy tls;
    private final AuthThrottle throttle;

    RelayEngine(RelayTransport transport, int workerThreads, Supplier<RelaySettings> settings, TlsPolicy tls,
                AuthThrottle throttle) {
        this.transport = transport;
        this.acceptors = transport.newEventLoopGroup(1, new DefaultThreadFactory("relay-accept", true));
        this.workers = transport.newEventLoopGroup(workerThreads, new DefaultThreadFactory("relay-io", true));
        this.settings = settings;
        this.tls = tls;
        this.throttle = throttle;
    }

    RelaySettings settings() {
        return settings.get();
    }

    /** Listens on a port of a pipe; returns once it accepts connections. */
    Channel bind(int port, Pipe pipe, int which) throws IOException {
        String host = settings.get().bindAddress();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, pipe.connectionLoops(workers))
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        pipe.connections.add(channel);
                        pipe.accepted(channel, which, RelayEngine.this);
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + host + ":" + port + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
        return bound.channel();
    }

    /** Starts an agent connection: TLS unless dev mode, then the passcode check. */
    void startAgent(Channel channel, AgentPort port) {
        Optional<SslContext> context;
        try {
            context = tls.contextForNewConnection();
        } catch (IllegalStateException e) {
            refuse(channel, e);
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        context.ifPresent(ssl -> {
            // One TLS record per read into the TLS layer, so each record the agent sends (a BEAT
            // among them) comes out as a read of its own even when one TCP segment carries several.
            // Netty 4.2's JDK-engine SslHandler already emits one read per record; this keeps that
            // true whatever the engine (RelayTlsTest sends BEAT and data records in one segment).
            pipeline.addLast("tls-records", new LengthFieldBasedFrameDecoder(MAX_TLS_RECORD, 3, 2, 0, 0));
            pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        });
        RelaySettings current = settings.get();
        pipeline.addLast(PasscodeHandler.NAME,
                new PasscodeHandler(port, throttle, current.authTimeout(), current.privateHoldBytes()));
    }

    /**
     * Starts a public client connection: TLS unless dev mode. Its TLS handshake goes ahead while it
     * waits for an agent connection; what it sends meanwhile is held by its endpoint, up to the bound.
     *
     * @return false when the connection was refused (TLS required but unavailable)
     */
    boolean startPublicClient(Channel channel) {
        Optional<SslContext> context;
        try {
            context = tls.contextForNewConnection();
        } catch (IllegalStateException e) {
            refuse(channel, e);
            return false;
        }
        context.ifPresent(ssl -> channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc())));
        return true;
    }

    /** @throws IllegalStateException when TLS is required and cannot be had, naming the problem */
    void requireTlsReady() {
        tls.contextForNewConnection();
    }

    /** Stops the event loops; listeners and connections must be closed first. */
    void shutdown() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static void refuse(Channel channel, IllegalStateException why) {
        LOG.error("Connection from {} refused: {}", channel.remoteAddress(), why.getMessage());
        channel.close();
    }
}
