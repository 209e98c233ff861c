package org.iofog.connector.transport.epoll.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar;
import org.junit.After;
import org.junit.Test;

/**
 * The epoll transport on real sockets of 127.0.0.1. These tests fail, rather than skip, where epoll does
 * not load: the build machine is Linux x86-64, so a missing native library is a packaging bug.
 */
public class EpollRelayTransportTest {

    /** A literal address: nothing is resolved, and no socket leaves the machine. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final long TIMEOUT_MS = 10_000;
    private static final int SPLICED_BYTES = 8 * 1024 * 1024;
    private static final long SEED = 0x5eed_e9011L;

    private final EpollRelayTransport transport = new EpollRelayTransport();
    private final List<EventLoopGroup> groups = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();

    @After
    public void shutDown() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        for (EventLoopGroup group : groups) {
            assertTrue("event loop group did not terminate",
                    group.terminationFuture().awaitUninterruptibly(TIMEOUT_MS));
        }
    }

    @Test
    public void nativeEpollIsAvailable() {
        assertEpollAvailable();
        assertEquals("epoll", transport.name());
        assertTrue(transport.supportsSplice());
    }

    @Test
    public void splicedBytesBypassThePipeline() throws Exception {
        assertEpollAvailable();
        // One thread: both accepted channels end up on the same loop, as splice requires.
        EventLoopGroup group = newGroup(1);
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        Map<Channel, AtomicLong> pipelineBytes = new ConcurrentHashMap<>();
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelType())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        AtomicLong bytes = new AtomicLong();
                        pipelineBytes.put(ch, bytes);
                        ch.pipeline().addLast(new CountingSink(bytes));
                        accepted.add(ch);
                    }
                })
                .bind(new InetSocketAddress(LOOPBACK, 0)).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();

        Socket clientA = connect(port);
        Socket clientB = connect(port);
        Channel first = takeAccepted(accepted);
        Channel second = takeAccepted(accepted);
        Channel a = remotePort(first) == clientA.getLocalPort() ? first : second;
        Channel b = a == first ? second : first;
        assertEquals(clientA.getLocalPort(), remotePort(a));
        assertEquals(clientB.getLocalPort(), remotePort(b));
        assertSame(a.eventLoop(), b.eventLoop());

        ChannelFuture splicing = a.eventLoop().submit(() -> transport.splice(a, b, SPLICED_BYTES))
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(splicing);

        byte[] sent = new byte[SPLICED_BYTES];
        new Random(SEED).nextBytes(sent);
        FutureTask<Void> writing = new FutureTask<>(() -> {
            OutputStream out = clientA.getOutputStream();
            for (int offset = 0; offset < sent.length; offset += 64 * 1024) {
                out.write(sent, offset, Math.min(64 * 1024, sent.length - offset));
            }
            out.flush();
            return null;
        });
        Thread writer = new Thread(writing, "client-A-writer");
        writer.setDaemon(true);
        writer.start();

        byte[] received = readFully(clientB, sent.length);
        writing.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        int mismatch = Arrays.mismatch(sent, received);
        assertEquals("first byte that differs", -1, mismatch);
        assertEquals("bytes that went through A's pipeline instead of the kernel",
                0, pipelineBytes.get(a).get());
        assertTrue("the splice of " + SPLICED_BYTES + " bytes completes once they are written",
                splicing.await(TIMEOUT_MS) && splicing.isSuccess());

        // Past the spliced length, bytes go through A's pipeline again.
        clientA.getOutputStream().write(new byte[100]);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (pipelineBytes.get(a).get() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(100, pipelineBytes.get(a).get());

        ChannelFuture endless = a.eventLoop().submit(() -> transport.splice(a, b, Integer.MAX_VALUE))
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertFalse("splicing stopped while both sockets were open: " + endless.cause(), endless.isDone());
        clientA.close();
        assertTrue("closing client A did not end the splice", endless.await(TIMEOUT_MS));
    }

    @Test
    public void spliceRejectsChannelsOnDifferentLoops() throws Exception {
        assertEpollAvailable();
        Channel a = new EpollSocketChannel();
        Channel b = new EpollSocketChannel();
        newGroup(1).next().register(a).sync();
        newGroup(1).next().register(b).sync();
        try {
            assertNotEquals(a.eventLoop(), b.eventLoop());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> transport.splice(a, b, 1));
            assertTrue(e.getMessage(), e.getMessage().contains("same event loop"));
        } finally {
            a.close().syncUninterruptibly();
            b.close().syncUninterruptibly();
        }
    }

    @Test
    public void spliceRejectsChannelsOfAnotherTransport() throws Exception {
        assertEpollAvailable();
        Channel epoll = new EpollSocketChannel();
        EmbeddedChannel other = new EmbeddedChannel();
        newGroup(1).next().register(epoll).sync();
        try {
            IllegalArgumentException to = assertThrows(IllegalArgumentException.class,
                    () -> transport.splice(epoll, other, 1));
            assertTrue(to.getMessage(), to.getMessage().contains("not an epoll stream channel"));
            IllegalArgumentException from = assertThrows(IllegalArgumentException.class,
                    () -> transport.splice(other, epoll, 1));
            assertTrue(from.getMessage(), from.getMessage().contains("not an epoll stream channel"));
        } finally {
            epoll.close().syncUninterruptibly();
            other.finishAndReleaseAll();
        }
    }

    private static void assertEpollAvailable() {
        Throwable cause = NativeTransportRegistrar.unavailabilityCause(EpollTransportRegistrar.TRANSPORT);
        assertNull("epoll must load on this machine but does not: " + NativeTransportRegistrar.describe(cause), cause);
    }

    private EventLoopGroup newGroup(int threads) {
        EventLoopGroup group = transport.newEventLoopGroup(threads, new DefaultThreadFactory("epoll-test", true));
        groups.add(group);
        return group;
    }

    private Socket connect(int port) throws IOException {
        Socket client = new Socket();
        clients.add(client);
        client.connect(new InetSocketAddress(LOOPBACK, port), (int) TIMEOUT_MS);
        client.setSoTimeout((int) TIMEOUT_MS);
        return client;
    }

    /** Reads exactly {@code length} bytes, failing once the deadline passes. */
    private static byte[] readFully(Socket socket, int length) throws IOException {
        byte[] bytes = new byte[length];
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        int total = 0;
        while (total < length) {
            if (System.nanoTime() - deadline > 0) {
                fail("only " + total + " of " + length + " bytes arrived in time");
            }
            int n = in.read(bytes, total, length - total);
            if (n < 0) {
                fail("connection closed after " + total + " of " + length + " bytes");
            }
            total += n;
        }
        return bytes;
    }

    private static Channel takeAccepted(BlockingQueue<Channel> accepted) throws InterruptedException {
        Channel channel = accepted.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertNotNull("no connection accepted in time", channel);
        return channel;
    }

    private static int remotePort(Channel channel) {
        return ((InetSocketAddress) channel.remoteAddress()).getPort();
    }

    /** Sends back whatever arrives. */
    @ChannelHandler.Sharable
    private static final class CountingSink extends ChannelInboundHandlerAdapter {
        private final AtomicLong bytes;

        CountingSink(AtomicLong bytes) {
            this.bytes = bytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                bytes.addAndGet(((ByteBuf) msg).readableBytes());
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
