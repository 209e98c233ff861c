package org.iofog.connector.transport.epoll.internal;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import org.iofog.connector.api.transport.RelayTransport;

/**
 * Relay sockets on Linux epoll, through Netty's native library. Compared with NIO it skips the JDK's
 * selector layer and can {@linkplain #splice splice}: move a pipe's bytes from one socket to the other
 * inside the kernel, never through Java memory.
 *
 * <p>Not a component itself: {@link EpollTransportRegistrar} registers it only once the native library
 * has loaded, because a service whose every method throws {@link UnsatisfiedLinkError} would win
 * {@code transport = auto} on rank alone.
 */
public class EpollRelayTransport implements RelayTransport {

    /** The value of {@link RelayTransport#NAME_PROPERTY}. */
    static final String NAME = "epoll";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory());
    }

    @Override
    public Class<? extends ServerChannel> serverChannelType() {
        return EpollServerSocketChannel.class;
    }

    @Override
    public Class<? extends Channel> channelType() {
        return EpollSocketChannel.class;
    }

    @Override
    public ChannelOption<Boolean> reusePortOption() {
        return EpollChannelOption.SO_REUSEPORT;
    }

    @Override
    public boolean supportsSplice() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Netty's own precondition that both channels are level-triggered always holds: since Netty 4.2
     * epoll has no edge-triggered mode left. The same-loop precondition is checked here as well so that
     * the caller gets a message naming both channels rather than Netty's bare one.
     *
     * @throws IllegalArgumentException when either channel is not an epoll stream channel, or they are
     *         not registered on the same event loop
     */
    // spliceTo is deprecated in Netty 4.2 with no replacement yet; it is the only way to splice between
    // two sockets there, and supportsSplice() is what lets the relay stop using it when it goes.
    @SuppressWarnings("deprecation")
    @Override
    public ChannelFuture splice(Channel from, Channel to, int length) {
        AbstractEpollStreamChannel source = epollStream(from, "from");
        AbstractEpollStreamChannel target = epollStream(to, "to");
        if (!source.isRegistered() || !target.isRegistered() || source.eventLoop() != target.eventLoop()) {
            throw new IllegalArgumentException("cannot splice " + from + " to " + to
                    + ": both channels must be registered on the same event loop");
        }
        return source.spliceTo(target, length);
    }

    private static AbstractEpollStreamChannel epollStream(Channel channel, String role) {
        if (!(channel instanceof AbstractEpollStreamChannel)) {
            throw new IllegalArgumentException("cannot splice: '" + role + "' is not an epoll stream channel but "
                    + (channel == null ? "null" : channel.getClass().getName()));
        }
        return (AbstractEpollStreamChannel) channel;
    }
}
