package org.iofog.connector.api.transport;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of running relay sockets (NIO, epoll, io_uring). Each implementation is its own bundle and
 * registers this service only when its native part actually loads, with the service property
 * {@value #NAME_PROPERTY} set to its {@link #name()} and a {@code service.ranking} that makes the
 * best one win when the configured transport is {@code auto}.
 */
@ConsumerType
public interface RelayTransport {

    /** Service property that names the transport, for {@code .target} filters. */
    String NAME_PROPERTY = "relay.transport";

    /** {@code "nio"}, {@code "epoll"} or {@code "io_uring"}. */
    String name();

    /** A new event loop group; the caller owns it and shuts it down. */
    EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory);

    Class<? extends ServerChannel> serverChannelType();

    Class<? extends Channel> channelType();

    /** Whether relayed bytes can move between two sockets of this transport without reaching user space. */
    boolean supportsSplice();
}
