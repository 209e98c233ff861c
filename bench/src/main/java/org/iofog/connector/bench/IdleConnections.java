package org.iofog.connector.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Thousands of idle connections to the connector held by one selector thread: fake agents, authenticated, that
 * send {@code BEAT} every heartbeat interval and read the connector's answers, and public clients that send
 * nothing. Counts what happens to them, so that the bench can tell that every one stayed open and answered.
 */
final class IdleConnections implements AutoCloseable {

    private static final byte[] AUTHORIZED = "AUTHORIZED".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final Queue<SocketChannel> pendingAgents = new ConcurrentLinkedQueue<>();
    private final Queue<SocketChannel> pendingClients = new ConcurrentLinkedQueue<>();
    private final List<SocketChannel> agents = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private final long heartbeatNanos;
    private final AtomicLong beatsSent = new AtomicLong();
    private final AtomicLong beatBytesAnswered = new AtomicLong();
    private final AtomicLong clientBytes = new AtomicLong();
    private final AtomicLong closedByConnector = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread loop;
    private volatile boolean closed;

    IdleConnections(long heartbeatMillis) throws IOException {
        this.selector = Selector.open();
        this.heartbeatNanos = heartbeatMillis * 1_000_000;
        this.loop = Throughput.start("bench-idle-connections", this::run, failure);
    }

    /** A fake agent: connects, sends the passcode, reads {@code AUTHORIZED}, then idles with heartbeats. */
    void addAgent(int port, String passcode) throws IOException {
        SocketChannel channel = connect(port);
        try {
            channel.socket().getOutputStream().write(passcode.getBytes(StandardCharsets.US_ASCII));
            byte[] answer = channel.socket().getInputStream().readNBytes(AUTHORIZED.length);
            if (!Arrays.equals(answer, AUTHORIZED)) {
                throw new IOException("agent on port " + port + " not authorized, got "
                        + new String(answer, StandardCharsets.US_ASCII));
            }
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        pendingAgents.add(channel);
        selector.wakeup();
    }

    /** A public client that connects and then sends nothing. */
    void addClient(int port) throws IOException {
        SocketChannel channel = connect(port);
        channel.configureBlocking(false);
        pendingClients.add(channel);
        selector.wakeup();
    }

    long beatsSent() {
        return beatsSent.get();
    }

    /** {@code BEAT} answers read by the agents. */
    long beatsAnswered() {
        return beatBytesAnswered.get() / FakeAgent.BEAT.length;
    }

    /** Bytes that reached an idle public client: must stay 0, since its agent connection only heartbeats. */
    long clientBytes() {
        return clientBytes.get();
    }

    long closedByConnector() {
        return closedByConnector.get();
    }

    void checkFailure() throws IOException {
        if (failure.get() != null) {
            throw new IOException("idle connections failed: " + failure.get(), failure.get());
        }
    }

    private static SocketChannel connect(int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(new InetSocketAddress(Net.LOOPBACK, port), Net.IO_TIMEOUT_MILLIS);
            channel.socket().setSoTimeout(Net.IO_TIMEOUT_MILLIS);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private void run() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        ByteBuffer beat = ByteBuffer.wrap(FakeAgent.BEAT);
        long nextBeat = System.nanoTime() + heartbeatNanos;
        while (!closed) {
            register(pendingAgents, Boolean.TRUE);
            register(pendingClients, Boolean.FALSE);
            selector.select(Math.max(1, (nextBeat - System.nanoTime()) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                buffer.clear();
                int n;
                try {
                    n = channel.read(buffer);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    closedByConnector.incrementAndGet();
                    key.cancel();
                    channel.close();
                } else if (key.attachment() == Boolean.TRUE) {
                    beatBytesAnswered.addAndGet(n);
                } else {
                    clientBytes.addAndGet(n);
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() >= nextBeat) {
                for (SocketChannel agent : agents) {
                    if (agent.isOpen()) {
                        beat.rewind();
                        // 4 bytes into an idle socket's empty send buffer: written whole.
                        if (agent.write(beat) == FakeAgent.BEAT.length) {
                            beatsSent.incrementAndGet();
                        }
                    }
                }
                nextBeat += heartbeatNanos;
            }
        }
    }

    private void register(Queue<SocketChannel> pending, Boolean agent) throws IOException {
        SocketChannel channel;
        while ((channel = pending.poll()) != null) {
            channel.register(selector, SelectionKey.OP_READ, agent);
            channels.add(channel);
            if (agent) {
                agents.add(channel);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        selector.wakeup();
        loop.join(10_000);
        pendingAgents.forEach(Net::closeQuietly);
        pendingClients.forEach(Net::closeQuietly);
        channels.forEach(Net::closeQuietly);
        Net.closeQuietly(selector);
    }
}
