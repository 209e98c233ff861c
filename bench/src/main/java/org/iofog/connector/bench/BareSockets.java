package org.iofog.connector.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory baseline: what the sockets a connector holds cost at the least in Java, with no relay around them,
 * measured in the bench's own JVM: non-blocking NIO channels registered with one selector, heap in use after full
 * collections ({@link Heap}) before and after.
 */
final class BareSockets {

    private BareSockets() {
    }

    /** Heap bytes per pair of bound listening channels, i.e. the sockets of one mapping. */
    static double heapPerListeningPair(int pairs) throws IOException, InterruptedException {
        List<ServerSocketChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < 40; i++) { // loads the classes before the first reading
                listen(selector).close();
            }
            selector.selectNow();
            long before = Heap.usedAfterFullGc();
            for (int i = 0; i < 2 * pairs; i++) {
                channels.add(listen(selector));
            }
            return (Heap.usedAfterFullGc() - before) / (double) pairs;
        } finally {
            channels.forEach(Net::closeQuietly);
        }
    }

    /** Heap bytes per connected channel: {@code count} connections, both ends registered for reading. */
    static double heapPerConnection(int count) throws IOException, InterruptedException {
        List<SocketChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(Net.LOOPBACK, 0), 4096);
            for (int i = 0; i < 20; i++) { // loads the classes before the first reading
                connect(server, selector).forEach(Net::closeQuietly);
            }
            selector.selectNow();
            long before = Heap.usedAfterFullGc();
            for (int i = 0; i < count; i++) {
                channels.addAll(connect(server, selector));
            }
            return (Heap.usedAfterFullGc() - before) / (2.0 * count);
        } finally {
            channels.forEach(Net::closeQuietly);
        }
    }

    /** A listening channel on a free port of 127.0.0.1, non-blocking, registered with {@code selector}. */
    static ServerSocketChannel listen(Selector selector) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(Net.LOOPBACK, 0));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** One connection to {@code server}: the client end and the accepted end, each registered for reading. */
    private static List<SocketChannel> connect(ServerSocketChannel server, Selector selector) throws IOException {
        SocketChannel client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept();
        for (SocketChannel channel : List.of(client, accepted)) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        }
        return List.of(client, accepted);
    }
}
