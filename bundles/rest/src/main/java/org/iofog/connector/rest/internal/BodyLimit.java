package org.iofog.connector.rest.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Gathers a request and its body, refusing bodies over the limit with a JSON 413 like every other
 * error of the API (Netty's own answer is an empty 413), then closing: the rest of an oversized body
 * is not worth reading.
 */
final class BodyLimit extends HttpObjectAggregator {

    private final int maxBodyBytes;

    BodyLimit(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Answers {@code Expect: 100-continue} itself, as the aggregator does, but refusals in JSON: a body
     * announced too large gets the JSON 413, an expectation other than 100-continue a JSON 417.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof FullHttpResponse refusal && !refusal.status().equals(HttpResponseStatus.CONTINUE)) {
            HttpResponseStatus status = refusal.status();
            refusal.release();
            return status.equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE) ? tooLarge()
                    : json(status, "the Expect header asks for something other than 100-continue, which is"
                            + " all this server supports", true);
        }
        return answer;
    }

    private FullHttpResponse tooLarge() {
        return json(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "the request body is larger than " + maxBodyBytes + " bytes (max.body.bytes)", true);
    }

    private static FullHttpResponse json(HttpResponseStatus status, String message, boolean close) {
        // Our own fixed text, never the client's: nothing in it needs JSON escaping.
        String json = "{\"status\":\"error\",\"errormessage\":\"" + message + "\",\"timestamp\":"
                + System.currentTimeMillis() + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
