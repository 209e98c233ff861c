package org.iofog.connector.rest.internal;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

/**
 * One bound listening socket of the REST API and the connections it accepted. Closing it stops
 * accepting at once; its connections finish the request in flight and then close, so a connection never
 * outlives a move of the listener (say from HTTP to HTTPS, or off a public interface).
 */
final class BoundListener {

    private final RestServer.Listening listening;
    private final Channel channel;
    private final ChannelGroup connections;

    BoundListener(RestServer.Listening listening, Channel channel, ChannelGroup connections) {
        this.listening = listening;
        this.channel = channel;
        this.connections = connections;
    }

    /** What was asked for (the port may be 0); {@link #address} says what the kernel gave. */
    RestServer.Listening listening() {
        return listening;
    }

    boolean isActive() {
        return channel.isActive();
    }

    /** The address the socket is actually bound to, while it is open. */
    Optional<InetSocketAddress> address() {
        return channel.isActive() ? Optional.of((InetSocketAddress) channel.localAddress()) : Optional.empty();
    }

    /**
     * Closes the socket and waits for it, so that the port is free when this returns. Must not run on an
     * event loop of the channel (Netty refuses to wait there).
     */
    void close() {
        channel.close().awaitUninterruptibly();
        for (Channel connection : connections) {
            connection.pipeline().fireUserEventTriggered(RequestHandler.DRAIN);
        }
    }
}
