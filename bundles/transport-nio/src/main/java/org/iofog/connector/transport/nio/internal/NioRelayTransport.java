package org.iofog.connector.transport.nio.internal;

import java.net.StandardSocketOptions;
import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.iofog.connector.api.transport.RelayTransport;

/**
 * Relay sockets on Java NIO. It needs no native library, so it is always there; {@link NioTransportRegistrar}
 * registers it, ranked lowest so that a native transport wins when {@code transport = auto}.
 */
public class NioRelayTransport implements RelayTransport {

    static final String NAME = "nio";

    private static final ChannelOption<Boolean> REUSE_PORT = NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
    }

    @Override
    public Class<? extends ServerChannel> serverChannelType() {
        return NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends Channel> channelType() {
        return NioSocketChannel.class;
    }

    @Override
    public ChannelOption<Boolean> reusePortOption() {
        return REUSE_PORT;
    }

    @Override
    public boolean supportsSplice() {
        return false;
    }
}
