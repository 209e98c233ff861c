package org.iofog.connector.transport.iouring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.After;
import org.junit.Test;

/**
 * The io_uring transport on real sockets of 127.0.0.1. These tests fail, rather than skip, where io_uring
 * does not load: the build machine is Linux x86-64 with a kernel that allows io_uring, so a failure there
 * is a packaging bug or a changed build environment, and either deserves a look.
 */
public class IoUringRelayTransportTest {

    /** A literal address: nothing is resolved, and no socket leaves the machine. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final long TIMEOUT_MS = 10_000;

    private final IoUringRelayTransport transport = new IoUringRelayTransport();
    private final List<EventLoopGroup> groups = new ArrayList<>();

    @After
    public void shutDown() {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        for (EventLoopGroup group : groups) {
            assertTrue("event loop group did not terminate",
                    group.terminationFuture().awaitUninterruptibly(TIMEOUT_MS));
        }
    }

    @Test
    public void nativeIoUringIsAvailable() {
        assertIoUringAvailable();
        assertEquals("io_uring", transport.name());
    }

    @Test
    public void twoListenersShareAPortAndEcho() throws Exception {
        assertIoUringAvailable();
        EventLoopGroup group = newGroup(2);
        AtomicInteger firstAccepts = new AtomicInteger();
        AtomicInteger secondAccepts = new AtomicInteger();

        Channel first = echoListener(group, 0, firstAccepts);
        int port = ((InetSocketAddress) first.localAddress()).getPort();
        Channel second = echoListener(group, port, secondAccepts);
        assertEquals(port, ((InetSocketAddress) second.localAddress()).getPort());

        assertEchoes(port, "through either listener");
        assertEquals(1, firstAccepts.get() + secondAccepts.get());

        // What a transport swap does next: close the old listener; the new one keeps the port.
        first.close().syncUninterruptibly();
        int before = secondAccepts.get();
        assertEchoes(port, "through the second listener");
        assertEquals(before + 1, secondAccepts.get());
    }

    @Test
    public void doesNotSplice() {
        assertFalse(transport.supportsSplice());
        assertThrows(UnsupportedOperationException.class, () -> transport.splice(null, null, 1));
    }

    private static void assertIoUringAvailable() {
        Throwable cause = IoUringTransportRegistrar.unavailabilityCause();
        if (cause != null) {
            fail("io_uring must load on this machine (Linux x86-64, io_uring allowed) but does not: "
                    + IoUringTransportRegistrar.describe(cause));
        }
    }

    private EventLoopGroup newGroup(int threads) {
        EventLoopGroup group = transport.newEventLoopGroup(threads, new DefaultThreadFactory("io_uring-test", true));
        groups.add(group);
        return group;
    }

    private Channel echoListener(EventLoopGroup group, int port, AtomicInteger accepts) throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelType())
                .option(transport.reusePortOption(), true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepts.incrementAndGet();
                        ch.pipeline().addLast(Echo.INSTANCE);
                    }
                })
                .bind(new InetSocketAddress(LOOPBACK, port)).sync().channel();
    }

    private static void assertEchoes(int port, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(LOOPBACK, port), (int) TIMEOUT_MS);
            client.setSoTimeout((int) TIMEOUT_MS);
            client.getOutputStream().write(payload);
            client.getOutputStream().flush();
            assertEquals(text, new String(readFully(client, payload.length), StandardCharsets.UTF_8));
        }
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

    /** Sends back whatever arrives. */
    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }
}
