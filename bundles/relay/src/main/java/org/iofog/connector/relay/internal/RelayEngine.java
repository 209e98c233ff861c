package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.iofog.connector.relay.internal.TlsPolicy.RelayTls;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets under every pipe: the transport they run on, the listeners, and the handlers each
 * accepted connection starts with. The transport can be swapped while running ({@link #switchTo}):
 * listeners move to the new one, connections already open finish on the old one.
 */
final class RelayEngine {

    /** Largest TLS record on the wire: 2^14 bytes of plaintext plus expansion, plus the 5-byte header. */
    static final int MAX_TLS_RECORD = (1 << 14) + 2048 + 5;
    /** Per-connection outbound buffer bounds: above the high mark the sending side stops reading. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);
    /** Bytes spliced between two looks from the JVM: large enough to cost nothing, small enough to count by. */
    static final int SPLICE_CHUNK = 1 << 20;
    /**
     * Dev mode with a certificate: a public client that has sent nothing for this long is taken as plain (a
     * protocol where the server speaks first). TLS clients send their ClientHello at once.
     */
    static final long CLIENT_SILENCE_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(RelayEngine.class);

    private final Supplier<RelaySettings> settings;
    private final Supplier<TransportSettings> transportSettings;
    private final TlsPolicy tls;
    private final BooleanSupplier devMode;
    private final AuthThrottle throttle;
    private final AuthFailureLog failureLog = new AuthFailureLog();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final LongAdder splicedBytes = new LongAdder();
    private final RelayStatistics statistics = new RelayStatistics();
    // Guarded by `this`: swaps are one at a time.
    private final List<TransportLoops> retired = new ArrayList<>();
    private volatile TransportLoops active;

    /** @param devMode the connector's {@code dev} setting as it is now */
    RelayEngine(Supplier<RelaySettings> settings, Supplier<TransportSettings> transportSettings, TlsPolicy tls,
                BooleanSupplier devMode, AuthThrottle throttle) {
        this.settings = settings;
        this.transportSettings = transportSettings;
        this.tls = tls;
        this.devMode = devMode;
        this.throttle = throttle;
    }

    RelaySettings settings() {
        return settings.get();
    }

    TransportLoops activeLoops() {
        TransportLoops loops = active;
        if (loops == null) {
            throw new IllegalStateException("the relay has no transport");
        }
        return loops;
    }

    /**
     * Makes {@code transport} (with the thread counts in force) the one every listener runs on and new
     * connections start on. Listeners move one by one, each bound on the new transport before its old
     * socket closes; the previous transport is retired and drains.
     *
     * @return how many listeners moved, and how many stayed behind because they could not listen
     */
    synchronized SwapResult switchTo(RelayTransport transport) {
        TransportSettings wanted = transportSettings.get();
        TransportLoops previous = active;
        TransportLoops next = new TransportLoops(transport, wanted.acceptThreads(), wanted.effectiveIoThreads());
        active = next;
        int moved = 0;
        int stuck = 0;
        for (Listener listener : listeners) {
            if (listener.moveTo(next)) {
                moved++;
            } else {
                stuck++;
            }
        }
        if (previous != null) {
            retired.removeIf(TransportLoops::stopped);
            retired.add(previous);
            previous.retire(wanted.drainDeadline());
        }
        return new SwapResult(previous == null ? null : previous.name(), moved, stuck,
                previous == null ? 0 : previous.connections());
    }

    /**
     * What a swap did.
     *
     * @param from        the transport left, null at the first start
     * @param moved       listeners now on the new transport
     * @param stuck       listeners that could not listen on it and stay on the old one
     * @param connections connections left to finish on the old transport
     */
    record SwapResult(String from, int moved, int stuck, int connections) {
    }

    /** Whether the given settings ask for something else than what runs (thread counts). */
    boolean runsWith(RelayTransport transport, TransportSettings wanted) {
        TransportLoops loops = active;
        return loops != null && loops.transport == transport && loops.ioThreads == wanted.effectiveIoThreads();
    }

    TransportStatus status(List<String> available) {
        TransportLoops loops = activeLoops();
        List<TransportStatus.Draining> draining = new ArrayList<>();
        synchronized (this) {
            for (TransportLoops old : retired) {
                if (!old.stopped()) {
                    draining.add(old.draining());
                }
            }
        }
        // Splice needs the bytes outside the JVM, so only dev mode (no TLS required) can splice.
        boolean splicing = loops.transport.supportsSplice() && transportSettings.get().splice()
                && devMode.getAsBoolean();
        return new TransportStatus(loops.name(), loops.ioThreads, splicing, draining, available);
    }

    /** Listens on a port of a pipe on the active transport; returns once it accepts connections. */
    Listener listen(int port, Pipe pipe, int which) throws IOException {
        refuseSharing(port);
        Listener listener = new Listener(this, pipe, port, which);
        // Known before it binds, so that a swap running meanwhile moves it once it is bound.
        listeners.add(listener);
        try {
            listener.bind();
        } catch (IOException | RuntimeException e) {
            listeners.remove(listener);
            throw e;
        }
        return listener;
    }

    /**
     * Fails when any other socket listens on the port. Relay listeners set {@code SO_REUSEPORT} so that a
     * swap can bind beside them; the kernel would then also let another process of the same user (a
     * second connector, say) share a new mapping's port and take part of its connections. A probe
     * without that option is refused by any listener there, so a port is only ever shared with ourselves.
     */
    private void refuseSharing(int port) throws IOException {
        String host = settings.get().bindAddress();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port), 1);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (another process listens on it)", e);
        }
    }

    void forget(Listener listener) {
        listeners.remove(listener);
    }

    /** A socket listening on the listener's port on the given transport, sharing the port while a swap runs. */
    Channel bind(TransportLoops loops, Listener listener) throws IOException {
        String host = settings.get().bindAddress();
        Pipe pipe = listener.pipe;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.acceptors, pipe.connectionLoops(loops.workers))
                .channel(loops.transport.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(loops.transport.reusePortOption(), true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(loops.acceptCounter())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        pipe.connections.add(channel);
                        pipe.accepted(channel, listener.which);
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, listener.port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + host + ":" + listener.port + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
        loops.listening(bound.channel());
        return bound.channel();
    }

    /**
     * Starts an agent connection: TLS unless dev mode (in dev mode with a certificate, TLS or plain as the
     * agent's first bytes tell), then the passcode check.
     */
    void startAgent(Channel channel, AgentPort port) {
        RelayTls mode = tlsFor(channel);
        if (mode == null) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        RelaySettings current = settings.get();
        if (mode.required()) {
            addAgentTls(pipeline, null, mode.context());
        } else if (!mode.plainOnly()) {
            // An agent always speaks first (ClientHello or passcode); the passcode timeout bounds the wait.
            pipeline.addLast(PlainOrTls.NAME, new PlainOrTls(ctx -> addAgentTls(pipeline, ctx.name(), mode.context()),
                    () -> { }, 0));
        }
        pipeline.addLast(PasscodeHandler.NAME, new PasscodeHandler(port, throttle, failureLog, current.authTimeout(),
                current.privateHoldBytes(), statistics));
    }

    /**
     * The agent's TLS handlers, at the end of the pipeline or right after {@code after}. One TLS record per
     * read into the TLS layer, so each record the agent sends (a BEAT among them) comes out as a read of its
     * own even when one TCP segment carries several. Netty 4.2's JDK-engine SslHandler already emits one read
     * per record; this keeps that true whatever the engine.
     */
    private static void addAgentTls(ChannelPipeline pipeline, String after, SslContext context) {
        String records = addAfter(pipeline, after, "tls-records", new LengthFieldBasedFrameDecoder(MAX_TLS_RECORD,
                3, 2, 0, 0));
        addAfter(pipeline, records, "tls", context.newHandler(pipeline.channel().alloc()));
    }

    /**
     * Starts a public client connection: TLS unless dev mode (in dev mode with a certificate, TLS or plain
     * as its first bytes tell). {@code ready} runs on the connection's event loop once the client may take an
     * agent connection: at once over plain TCP, after a completed handshake over TLS. So a port scan, an idle
     * socket or a client that fails the handshake never holds an agent connection (docs/protocol.md §3). What the
     * client sends meanwhile is held by its endpoint, up to the bound.
     *
     * @return false when the connection was refused (TLS required but unavailable)
     */
    boolean startPublicClient(Channel channel, Runnable ready) {
        RelayTls mode = tlsFor(channel);
        if (mode == null) {
            return false;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (mode.required()) {
            addClientTls(pipeline, null, mode.context(), ready);
        } else if (mode.plainOnly()) {
            // Runs once the pipeline the pipe completes is in place.
            channel.eventLoop().execute(ready);
        } else {
            pipeline.addLast(PlainOrTls.NAME, new PlainOrTls(
                    ctx -> addClientTls(pipeline, ctx.name(), mode.context(), ready), ready, CLIENT_SILENCE_MILLIS));
        }
        return true;
    }

    private void addClientTls(ChannelPipeline pipeline, String after, SslContext context, Runnable ready) {
        SslHandler tls = context.newHandler(pipeline.channel().alloc());
        tls.setHandshakeTimeoutMillis(settings.get().authTimeout().toMillis());
        addAfter(pipeline, addAfter(pipeline, after, "tls", tls), HandshakeDone.NAME, new HandshakeDone(ready));
    }

    /** Adds a handler right after {@code after}, or last when that is null; returns the handler's name. */
    private static String addAfter(ChannelPipeline pipeline, String after, String name, ChannelHandler handler) {
        if (after == null) {
            pipeline.addLast(name, handler);
        } else {
            pipeline.addAfter(after, name, handler);
        }
        return name;
    }

    /** What a new connection speaks; null when it was refused because TLS is required and cannot be had. */
    private RelayTls tlsFor(Channel channel) {
        try {
            return tls.forNewConnection();
        } catch (IllegalStateException e) {
            refuse(channel, e);
            return null;
        }
    }

    /** @throws IllegalStateException when TLS is required and cannot be had, naming the problem */
    void requireTlsReady() {
        tls.forNewConnection();
    }

    /**
     * Moves bytes the public client sends straight to its agent connection inside the kernel, when the
     * transport can (epoll), splice is on, the relay is in dev mode (TLS needs the bytes in the JVM) and
     * both connections share one event loop of the active transport. Only this direction: agents'
     * heartbeats must be seen to be answered and not relayed, so what agents send stays in the JVM.
     * Call on the client's event loop, after the bytes it held were passed on.
     */
    void spliceIfPossible(Endpoint client, Endpoint agent) {
        Channel from = client.channel();
        Channel to = agent.channel();
        TransportLoops loops = from.attr(TransportLoops.OF_CHANNEL).get();
        if (loops == null || loops != to.attr(TransportLoops.OF_CHANNEL).get() || !loops.transport.supportsSplice()
                || from.eventLoop() != to.eventLoop() || !transportSettings.get().splice()
                || from.pipeline().get("tls") != null || to.pipeline().get("tls") != null
                || !from.isActive() || !to.isActive()) {
            return;
        }
        spliceChunk(loops.transport, client, to);
    }

    /**
     * Splices the next chunk and, once it is through, counts it and splices the next: the kernel does
     * not report bytes as they pass, so counting per chunk keeps the mapping's byte counts true (to
     * within a chunk while it flows).
     */
    private void spliceChunk(RelayTransport transport, Endpoint client, Channel to) {
        Channel from = client.channel();
        transport.splice(from, to, SPLICE_CHUNK).addListener(done -> {
            if (done.isSuccess()) {
                client.countForwarded(SPLICE_CHUNK);
                splicedBytes.add(SPLICE_CHUNK);
                if (from.isActive() && to.isActive()) {
                    spliceChunk(transport, client, to);
                }
            } else if (from.isActive() && to.isActive()) {
                LOG.debug("Splice from {} stopped: {}", from.remoteAddress(), done.cause().toString());
            }
        });
    }

    RelayStatistics statistics() {
        return statistics;
    }

    /** Bytes moved by splice so far, counted per chunk. */
    long splicedBytes() {
        return splicedBytes.sum();
    }

    /** Stops every transport; listeners and connections must be closed first. */
    synchronized void shutdown() {
        for (TransportLoops old : retired) {
            old.stop();
        }
        retired.clear();
        if (active != null) {
            active.stop();
        }
    }

    private static void refuse(Channel channel, IllegalStateException why) {
        LOG.error("Connection from {} refused: {}", channel.remoteAddress(), why.getMessage());
        channel.close();
    }
}
