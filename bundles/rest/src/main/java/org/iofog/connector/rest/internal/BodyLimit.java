package org.iofog.connector.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Gathers a request and its body, refusing bodies over the limit with a JSON 413 like every other
 * error of the API (Netty's own answer is an empty 413), then closing: the rest of an oversized body
 * is not worth reading.
 */
final class BodyLimit extends HttpObjectAggregator {

    private final int maxBodyBytes;
    private final ObjectMapper json;

    BodyLimit(int maxBodyBytes, ObjectMapper json) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
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
                    : ApiResponse.error(status, "the Expect header asks for something other than 100-continue,"
                            + " which is all this server supports").toHttp(json, true);
        }
        return answer;
    }

    private FullHttpResponse tooLarge() {
        return ApiResponse.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "the request body is larger than " + maxBodyBytes + " bytes (max.body.bytes)").toHttp(json, true);
    }
}
