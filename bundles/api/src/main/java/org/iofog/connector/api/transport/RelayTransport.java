package org.iofog.connector.api.transport;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of running relay sockets (NIO, epoll, io_uring, or any other). Each implementation is its own
 * bundle and registers this service only when it can run here, described by its service properties:
 * {@value #NAME_PROPERTY} (its {@link #name()}), {@value #SPLICE_PROPERTY} (whether it can splice) and a
 * {@code service.ranking} that makes the best one win when the configured transport is {@code auto}.
 * Nothing lists the transports: the relay, its settings and its commands take whichever are registered.
 *
 * <p>The relay may run several transports at once for a while: after a swap, connections accepted
 * on the previous one keep flowing there until they close. Event loop groups belong to the caller,
 * so they outlive the service's registration.
 */
@ConsumerType
public interface RelayTransport {

    /** Service property that names the transport, for {@code .target} filters. */
    String NAME_PROPERTY = "relay.transport";

    /** Service property ({@code Boolean}): whether the transport can splice, as {@link #supportsSplice()}. */
    String SPLICE_PROPERTY = "relay.transport.splice";

    /**
     * Its name: lower case letters, digits and {@code _}, starting with a letter ({@code nio}, {@code epoll},
     * {@code io_uring}); the value of {@code transport} in the settings that asks for it.
     */
    String name();

    /** A new event loop group; the caller owns it and shuts it down. */
    EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory);

    Class<? extends ServerChannel> serverChannelType();

    Class<? extends Channel> channelType();

    /**
     * The listener option that lets a second socket listen on a port while the first still does
     * ({@code SO_REUSEPORT}): a swap binds the new transport's listener before closing the old one, so
     * no connection attempt is refused meanwhile.
     */
    ChannelOption<Boolean> reusePortOption();

    /** Whether relayed bytes can move between two sockets of this transport without reaching user space. */
    boolean supportsSplice();

    /**
     * Moves the next {@code length} bytes {@code from} receives to {@code to} inside the kernel; those
     * bytes do not pass through {@code from}'s pipeline. Bytes {@code from} receives after them go
     * through its pipeline again, unless splice is called again. Both channels must be of this
     * transport and on the same event loop; call it on that loop.
     *
     * @return completes once the {@code length} bytes are written to {@code to}, or fails when either
     *         channel closes first
     * @throws UnsupportedOperationException when {@link #supportsSplice()} is false
     */
    default ChannelFuture splice(Channel from, Channel to, int length) {
        throw new UnsupportedOperationException(name() + " cannot splice");
    }
}
