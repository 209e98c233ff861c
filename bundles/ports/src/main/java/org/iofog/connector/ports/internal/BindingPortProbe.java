package org.iofog.connector.ports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * Checks a port by binding it on the relay bind address and closing it at once.
 *
 * <p>Binding rather than connecting: a connection attempt sends traffic, can be filtered or slow, and
 * says nothing about a port held on another address. {@code SO_REUSEADDR} is set because the relay
 * binds with it too, so a port whose last connection is still in TIME_WAIT is rightly seen as free,
 * while a port another socket listens on still fails to bind.
 */
public final class BindingPortProbe implements PortProbe {

    private final InetAddress bindAddress;

    /**
     * @param bindAddress where the relay binds; null for the wildcard address
     */
    public BindingPortProbe(InetAddress bindAddress) {
        this.bindAddress = bindAddress;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    @Override
    public boolean isFree(int port) {
        ServerSocketChannel channel;
        try {
            channel = ServerSocketChannel.open();
        } catch (IOException e) {
            // Not a fact about this port (e.g. out of file descriptors): calling every port busy would
            // turn it into a misleading "no ports left".
            throw new UncheckedIOException("cannot open a socket to check port " + port, e);
        }
        try (channel) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(bindAddress, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "BindingPortProbe[" + (bindAddress == null ? "*" : bindAddress.getHostAddress()) + "]";
    }
}
