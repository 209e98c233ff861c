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
import org.osgi.service.component.annotations.Component;

/**
 * Relay sockets on Java NIO. It needs no native library, so it is always there, ranked lowest so that
 * a native transport wins when {@code transport = auto}.
 */
@Component(service = RelayTransport.class,
        property = {RelayTransport.NAME_PROPERTY + "=nio", RelayTransport.SPLICE_PROPERTY + ":Boolean=false",
                "service.ranking:Integer=0"})
public class NioRelayTransport implements RelayTransport {

    private static final ChannelOption<Boolean> REUSE_PORT = NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);

    @Override
    public String name() {
        return "nio";
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
