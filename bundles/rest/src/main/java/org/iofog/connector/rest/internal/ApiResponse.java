package org.iofog.connector.rest.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An answer on its way to the wire: status, body and its format, extra headers, and what to run once sent.
 *
 * @param headers   besides content type, length and connection (e.g. {@code Allow} on a 405)
 * @param afterSent run once the answer is on the wire (e.g. the connector stopping after saying so); may be null
 */
record ApiResponse(HttpResponseStatus status, Object body, Produces produces, Map<String, String> headers,
                   Runnable afterSent) {

    /** Every refusal: {@code {"status":"error","errormessage":…,"timestamp":…}} (docs/protocol.md §2). */
    @JsonPropertyOrder({"status", "errormessage", "timestamp"})
    record Refusal(String status, String errormessage, long timestamp) {

        Refusal(String message) {
            this("error", message, System.currentTimeMillis());
        }
    }

    static ApiResponse ok(Reply reply, Produces produces) {
        return new ApiResponse(reply.status(), reply.body(), produces, Map.of(), reply.afterSent());
    }

    static ApiResponse error(HttpResponseStatus status, String message) {
        return new ApiResponse(status, new Refusal(message), Produces.JSON, Map.of(), null);
    }

    static ApiResponse error(ApiException refusal) {
        return new ApiResponse(refusal.status(), new Refusal(refusal.getMessage()), Produces.JSON, refusal.headers(),
                null);
    }

    /** The HTTP answer: the body's bytes in its format, and the headers. */
    FullHttpResponse toHttp(ObjectMapper json, boolean close) {
        byte[] bytes = produces.bytes(json, body);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, produces.contentType());
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        headers.forEach(http.headers()::set);
        http.headers().set(HttpHeaderNames.CONNECTION, close ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        return http;
    }
}
