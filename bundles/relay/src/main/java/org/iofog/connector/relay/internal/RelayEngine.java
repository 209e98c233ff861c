package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportStatus;

/**
 * The sockets under every pipe: the transport they run on and the listeners, with the handlers each accepted
 * connection starts with ({@link ConnectionSetup}) and kernel splice ({@link Splicer}). The transport can be
 * swapped while running ({@link #switchTo}): listeners move to the new one, connections already open finish on
 * the old one.
 */
final class RelayEngine {

    /** Per-connection outbound buffer bounds: above the high mark the sending side stops reading. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final Supplier<RelaySettings> settings;
    private final Supplier<TransportSettings> transportSettings;
    private final BooleanSupplier devMode;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final RelayStatistics statistics = new RelayStatistics();
    private final ConnectionSetup connectionSetup;
    private final Splicer splicer;
    // Guarded by `this`: swaps are one at a time.
    private final List<TransportLoops> retired = new ArrayList<>();
    private volatile TransportLoops active;

    /** @param devMode the connector's {@code dev} setting as it is now */
    RelayEngine(Supplier<RelaySettings> settings, Supplier<TransportSettings> transportSettings, TlsPolicy tls,
                BooleanSupplier devMode, AuthThrottle throttle) {
        this.settings = settings;
        this.transportSettings = transportSettings;
        this.devMode = devMode;
        this.connectionSetup = new ConnectionSetup(settings, tls, throttle, statistics);
        this.splicer = new Splicer(transportSettings);
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
                .group(loops.acceptors, pipe.connectionLoops(loops.workers, listener.which))
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
        connectionSetup.startAgent(channel, port);
    }

    /**
     * Starts a public client connection; {@code ready} runs once the client may take an agent connection
     * (see {@link ConnectionSetup#startPublicClient}).
     *
     * @return false when the connection was refused (TLS required but unavailable)
     */
    boolean startPublicClient(Channel channel, Runnable ready) {
        return connectionSetup.startPublicClient(channel, ready);
    }

    /** @throws IllegalStateException when TLS is required and cannot be had, naming the problem */
    void requireTlsReady() {
        connectionSetup.requireTlsReady();
    }

    /** Splices what the client sends to its agent connection when possible (see {@link Splicer}). */
    void spliceIfPossible(Endpoint client, Endpoint agent) {
        splicer.spliceIfPossible(client, agent);
    }

    /** Bytes moved by splice so far, counted per {@link Splicer#CHUNK}. */
    long splicedBytes() {
        return splicer.splicedBytes();
    }

    RelayStatistics statistics() {
        return statistics;
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
}
