package org.iofog.connector.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An answer of the API: a status and the JSON object's fields, in the order the old daemon wrote them
 * ({@code timestamp} last); or, for the metrics path, a text body.
 *
 * @param text      a text body instead of JSON, with its content type; null for JSON
 * @param afterSent run once the answer is on the wire (e.g. the connector stopping after saying so); may be null
 */
record ApiResponse(HttpResponseStatus status, Map<String, Object> body, Text text, Runnable afterSent) {

    /** A body that is not JSON. */
    record Text(String contentType, String content) {
    }

    static ApiResponse ok(Map<String, Object> fields) {
        return new ApiResponse(HttpResponseStatus.OK, withTimestamp(fields), null, null);
    }

    static ApiResponse text(String contentType, String content) {
        return new ApiResponse(HttpResponseStatus.OK, Map.of(), new Text(contentType, content), null);
    }

    static ApiResponse error(HttpResponseStatus status, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "error");
        fields.put("errormessage", message);
        return new ApiResponse(status, withTimestamp(fields), null, null);
    }

    ApiResponse then(Runnable action) {
        return new ApiResponse(status, body, text, action);
    }

    /** The HTTP answer: JSON (or text) body, and the headers its status calls for. */
    FullHttpResponse toHttp(ObjectMapper json, boolean close) {
        byte[] bytes;
        try {
            bytes = text != null ? text.content().getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable: " + e.getMessage(), e);
        }
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE,
                text != null ? text.contentType() : HttpHeaderValues.APPLICATION_JSON);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            http.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
        }
        if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
            http.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        http.headers().set(HttpHeaderNames.CONNECTION, close ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        return http;
    }

    private static Map<String, Object> withTimestamp(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("timestamp", System.currentTimeMillis());
        return body;
    }
}
