package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.Test;

/** How a dev-mode port with a certificate tells TLS from plain connections. */
public class PlainOrTlsTest {

    private final AtomicInteger plain = new AtomicInteger();
    private final AtomicInteger tls = new AtomicInteger();

    private EmbeddedChannel channel(long silenceMillis) {
        return new EmbeddedChannel(new PlainOrTls(ctx -> {
            tls.incrementAndGet();
            ctx.pipeline().addAfter(ctx.name(), "tls", new ChannelInboundHandlerAdapter());
        }, plain::incrementAndGet, silenceMillis));
    }

    @Test
    public void aPasscodeIsPlainAndPassesOnUnchanged() {
        EmbeddedChannel channel = channel(0);
        channel.writeInbound(Unpooled.copiedBuffer("d2c5f0a6-", StandardCharsets.US_ASCII));
        assertEquals(1, plain.get());
        assertEquals(0, tls.get());
        ByteBuf passed = channel.readInbound();
        assertEquals("d2c5f0a6-", passed.toString(StandardCharsets.US_ASCII));
        passed.release();
        assertNull("the handler left", channel.pipeline().get(PlainOrTls.NAME));
    }

    @Test
    public void aTlsRecordHeaderSplitOverReadsIsTls() {
        EmbeddedChannel channel = channel(0);
        // A TLS 1.2 record header of a ClientHello: handshake (22), version 3.1, length 512.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {22, 3}));
        assertEquals("undecided on two bytes", 0, plain.get() + tls.get());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 0, 1, 0}));
        assertEquals(1, tls.get());
        assertEquals(0, plain.get());
        assertNotNull("the TLS handlers are in", channel.pipeline().get("tls"));
        ByteBuf passed = channel.readInbound();
        assertEquals("every byte goes on to TLS", 7, passed.readableBytes());
        passed.release();
    }

    @Test
    public void aClientThatSaysNothingIsTakenAsPlainAfterTheSilence() {
        EmbeddedChannel channel = channel(250);
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(0, plain.get());
        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(1, plain.get());
        assertNull(channel.pipeline().get(PlainOrTls.NAME));
    }
}
