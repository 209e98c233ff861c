package org.iofog.connector.relay.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transport at work: its event loops and every socket running on them. The relay has one
 * active instance; after a swap the previous one is retired: it keeps its connections until they
 * close, or until the drain deadline closes them, and then stops its threads.
 */
final class TransportLoops {

    /** The instance an accepted connection runs on. */
    static final AttributeKey<TransportLoops> OF_CHANNEL = AttributeKey.valueOf(TransportLoops.class, "loops");

    private static final Logger LOG = LoggerFactory.getLogger(TransportLoops.class);

    final RelayTransport transport;
    final EventLoopGroup acceptors;
    final EventLoopGroup workers;
    final int ioThreads;
    /** Listening sockets and accepted connections; closed channels leave by themselves. */
    private final ChannelGroup listeners = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ChannelHandler acceptCounter = new AcceptCounter();
    private volatile Instant deadline;

    TransportLoops(RelayTransport transport, int acceptThreads, int ioThreads) {
        this.transport = transport;
        this.ioThreads = ioThreads;
        String name = transport.name();
        this.acceptors = transport.newEventLoopGroup(acceptThreads, new DefaultThreadFactory("relay-accept-" + name, true));
        this.workers = transport.newEventLoopGroup(ioThreads, new DefaultThreadFactory("relay-io-" + name, true));
    }

    String name() {
        return transport.name();
    }

    void listening(Channel listener) {
        listeners.add(listener);
        listener.closeFuture().addListener(closed -> stopIfDrained());
    }

    /**
     * Counts each connection as the listener accepts it, before it is handed to its event loop: a
     * connection on its way there must keep a draining transport's threads running.
     */
    ChannelHandler acceptCounter() {
        return acceptCounter;
    }

    private void accepted(Channel connection) {
        connection.attr(OF_CHANNEL).set(this);
        connections.add(connection);
        if (deadline != null) {
            connection.closeFuture().addListener(closed -> stopIfDrained());
        }
    }

    int connections() {
        return connections.size();
    }

    /**
     * No new sockets come here any more. The threads stop once the last connection closes; at the
     * deadline the remaining connections are closed.
     */
    void retire(Duration drainDeadline) {
        deadline = Instant.now().plus(drainDeadline);
        for (Channel connection : connections) {
            connection.closeFuture().addListener(closed -> stopIfDrained());
        }
        GlobalEventExecutor.INSTANCE.schedule(this::deadlineReached, drainDeadline.toMillis(), TimeUnit.MILLISECONDS);
        stopIfDrained();
    }

    TransportStatus.Draining draining() {
        return new TransportStatus.Draining(name(), connections(), deadline);
    }

    boolean stopped() {
        return stopped.get();
    }

    /** Stops the threads at once, and waits for them; sockets still open are closed with them. */
    void stop() {
        connections.close();
        listeners.close();
        stopThreads();
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void deadlineReached() {
        int left = connections();
        if (left > 0 && !stopped()) {
            LOG.info("Closing the {} connections still open on the {} transport: its drain deadline passed", left,
                    name());
            connections.close();
        }
    }

    private void stopIfDrained() {
        if (deadline != null && connections.isEmpty() && listeners.isEmpty() && !stopped()) {
            // Off the event loops: shutting a group down from one of its own threads would wait on itself.
            GlobalEventExecutor.INSTANCE.execute(() -> {
                if (connections.isEmpty() && listeners.isEmpty() && !stopped()) {
                    LOG.info("The {} transport has no connections left: its threads stop", name());
                    stopThreads();
                }
            });
        }
    }

    /** Once only; returns without waiting for the threads to end. */
    private void stopThreads() {
        if (stopped.compareAndSet(false, true)) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    @ChannelHandler.Sharable
    private final class AcceptCounter extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            accepted((Channel) accepted);
            ctx.fireChannelRead(accepted);
        }
    }
}
