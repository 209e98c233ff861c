package org.iofog.connector.rest.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Knows whether a request is partly received, so that a connection asked to close when its listener
 * moves waits for a request that has started to arrive instead of dropping it. Sits between the HTTP
 * decoder and the aggregator, where a request is still its parts.
 */
final class RequestProgress extends ChannelInboundHandlerAdapter {

    private boolean receiving;

    boolean receiving() {
        return receiving;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            receiving = true;
        }
        if (message instanceof LastHttpContent) {
            receiving = false;
        }
        ctx.fireChannelRead(message);
    }
}
