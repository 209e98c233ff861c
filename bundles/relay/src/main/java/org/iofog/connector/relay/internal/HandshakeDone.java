package org.iofog.connector.relay.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a public TLS client take an agent connection only once its handshake completed: a TCP connect with
 * no handshake, a client that does not trust the certificate or a port scan then uses no agent connection
 * and makes no agent redial. Leaves the pipeline once the handshake is over.
 */
final class HandshakeDone extends ChannelInboundHandlerAdapter {

    static final String NAME = "handshake-done";
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeDone.class);

    private final Runnable ready;

    /** @param ready run on the connection's event loop when the handshake succeeded */
    HandshakeDone(Runnable ready) {
        this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            ctx.pipeline().remove(this);
            if (done.isSuccess()) {
                ready.run();
            } else {
                LOG.debug("Public client {} closed: TLS handshake failed ({})", ctx.channel().remoteAddress(),
                        done.cause().toString());
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }
}
