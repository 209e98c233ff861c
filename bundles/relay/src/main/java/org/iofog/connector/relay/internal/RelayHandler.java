package org.iofog.connector.relay.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data phase of a relayed connection: forwards reads to the endpoint's peer, answers agents'
 * heartbeats, follows the peer's writability, and reports the close.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final Endpoint endpoint;
    private final boolean agent;
    private final RelayStatistics statistics;
    private final Runnable onClose;

    /**
     * @param endpoint   the connection's endpoint
     * @param statistics where an agent connection's heartbeat timeout is counted; null for a public client
     *                   (heartbeats are answered and absence enforced on agent connections only)
     * @param onClose    run once when the connection closes, on its event loop
     */
    RelayHandler(Endpoint endpoint, RelayStatistics statistics, Runnable onClose) {
        this.endpoint = endpoint;
        this.agent = statistics != null;
        this.statistics = statistics;
        this.onClose = onClose;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (agent && Heartbeats.onlyBeats(data)) {
            data.release();
            // Flushed alone: over TLS the answer is a record of its own, as the agent requires.
            ctx.writeAndFlush(Heartbeats.beat(), ctx.voidPromise());
            return;
        }
        endpoint.forward(data);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Endpoint peer = endpoint.peer();
        if (ctx.channel().isWritable() && peer != null) {
            peer.peerWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            statistics.heartbeatTimedOut();
            LOG.info("Agent connection from {} closed: nothing received for its heartbeat absence threshold",
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endpoint.discardHeld();
        onClose.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Relayed connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
