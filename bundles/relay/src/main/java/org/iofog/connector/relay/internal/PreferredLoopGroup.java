package org.iofog.connector.relay.internal;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

/**
 * The transport's event loops as a listener hands its accepted connections to them, with a say for the
 * pipe: each connection goes to the loop the pipe prefers at that moment (for a public client, the loop
 * of the agent connection it will most likely be paired with), or round-robin when it has no preference.
 * A pair on one loop relays without waking a second thread for every read.
 *
 * <p>Only {@link #register} and {@link #next} choose; the group's life is the transport's, so shutting
 * it down here is refused.
 */
final class PreferredLoopGroup extends AbstractEventExecutorGroup implements EventLoopGroup {

    private final EventLoopGroup workers;
    private final Supplier<EventLoop> preferred;

    /** @param preferred a loop of {@code workers}, or null for round-robin; called on the accepting thread */
    PreferredLoopGroup(EventLoopGroup workers, Supplier<EventLoop> preferred) {
        this.workers = workers;
        this.preferred = preferred;
    }

    @Override
    public EventLoop next() {
        EventLoop loop = preferred.get();
        // A preference left from before a transport swap names a loop of the old transport.
        return loop != null && loop.parent() == workers ? loop : workers.next();
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return next().register(channel);
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return next().register(promise);
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return register(promise);
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return workers.iterator();
    }

    @Override
    public boolean isShuttingDown() {
        return workers.isShuttingDown();
    }

    @Override
    public boolean isShutdown() {
        return workers.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return workers.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return workers.awaitTermination(timeout, unit);
    }

    @Override
    public Future<?> terminationFuture() {
        return workers.terminationFuture();
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("the transport stops its own event loops");
    }

    @Override
    @Deprecated
    public void shutdown() {
        throw new UnsupportedOperationException("the transport stops its own event loops");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("the transport stops its own event loops");
    }
}
