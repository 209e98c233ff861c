package org.iofog.connector.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An answer of the API: a status and the JSON object's fields, in the order the old daemon wrote them
 * ({@code timestamp} last).
 *
 * @param afterSent run once the answer is on the wire (e.g. the connector stopping after saying so); may be null
 */
record ApiResponse(HttpResponseStatus status, Map<String, Object> body, Runnable afterSent) {

    static ApiResponse ok(Map<String, Object> fields) {
        return new ApiResponse(HttpResponseStatus.OK, withTimestamp(fields), null);
    }

    static ApiResponse error(HttpResponseStatus status, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "error");
        fields.put("errormessage", message);
        return new ApiResponse(status, withTimestamp(fields), null);
    }

    ApiResponse then(Runnable action) {
        return new ApiResponse(status, body, action);
    }

    private static Map<String, Object> withTimestamp(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("timestamp", System.currentTimeMillis());
        return body;
    }
}
