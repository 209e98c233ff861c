package org.iofog.connector.relay.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Dev mode with a certificate: tells a TLS connection from a plain one by its first bytes, so that one
 * port serves both (the real agent can only dial TLS). A TLS handshake starts with a TLS record header,
 * which Netty's {@link SslHandler#isEncrypted} recognises; anything else is plain. The handler then sets
 * the connection up for what it found and leaves the pipeline, passing on the bytes it read.
 *
 * <p>A client that sends nothing first (a protocol where the server speaks first) is taken as plain
 * after a short silence, so that it is not stranded.
 */
final class PlainOrTls extends ByteToMessageDecoder {

    static final String NAME = "plain-or-tls";
    /** The first byte of a TLS record carrying a handshake message. */
    private static final int HANDSHAKE_RECORD = 22;
    private static final int RECORD_HEADER = 5;

    private final Consumer<ChannelHandlerContext> addTls;
    private final Runnable onPlain;
    private final long silenceMillis;
    private ScheduledFuture<?> silence;
    private boolean decided;

    /**
     * @param addTls        adds the TLS handlers right after this one (by its context's name)
     * @param onPlain       run once the connection is found to be plain, after this handler left
     * @param silenceMillis after this long with nothing read the connection is taken as plain; 0 to wait for bytes
     */
    PlainOrTls(Consumer<ChannelHandlerContext> addTls, Runnable onPlain, long silenceMillis) {
        this.addTls = addTls;
        this.onPlain = onPlain;
        this.silenceMillis = silenceMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (silenceMillis > 0) {
            silence = ctx.executor().schedule(() -> {
                if (!decided && ctx.channel().isActive()) {
                    plain(ctx);
                }
            }, silenceMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (decided || !in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) != HANDSHAKE_RECORD) {
            plain(ctx);
        } else if (in.readableBytes() >= RECORD_HEADER) {
            if (SslHandler.isEncrypted(in, false)) {
                decided = true;
                cancelSilence();
                addTls.accept(ctx);
                ctx.pipeline().remove(this);
            } else {
                plain(ctx);
            }
        }
    }

    private void plain(ChannelHandlerContext ctx) {
        decided = true;
        cancelSilence();
        // Removing the handler passes what it read on to the next one, before onPlain runs.
        ctx.pipeline().remove(this);
        onPlain.run();
    }

    private void cancelSilence() {
        if (silence != null) {
            silence.cancel(false);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelSilence();
    }
}
