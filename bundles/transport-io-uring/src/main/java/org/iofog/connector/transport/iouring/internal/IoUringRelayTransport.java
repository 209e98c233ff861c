package org.iofog.connector.transport.iouring.internal;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.iofog.connector.api.transport.RelayTransport;

/**
 * Relay sockets on Linux io_uring, through Netty's native library: reads and writes are submitted to a
 * ring shared with the kernel instead of being made one system call each.
 *
 * <p>It cannot {@linkplain RelayTransport#splice splice}: Netty's io_uring channels splice only from a
 * file (to send a file region), never from one socket to another, so relayed bytes pass through the
 * pipeline as on NIO.
 *
 * <p>Not a component itself: {@link IoUringTransportRegistrar} registers it only once the native library
 * has loaded and the kernel lets this process use io_uring, which many container runtimes forbid.
 */
public class IoUringRelayTransport implements RelayTransport {

    /** The value of {@link RelayTransport#NAME_PROPERTY}. */
    static final String NAME = "io_uring";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, IoUringIoHandler.newFactory());
    }

    @Override
    public Class<? extends ServerChannel> serverChannelType() {
        return IoUringServerSocketChannel.class;
    }

    @Override
    public Class<? extends Channel> channelType() {
        return IoUringSocketChannel.class;
    }

    @Override
    public ChannelOption<Boolean> reusePortOption() {
        return IoUringChannelOption.SO_REUSEPORT;
    }

    @Override
    public boolean supportsSplice() {
        return false;
    }
}
