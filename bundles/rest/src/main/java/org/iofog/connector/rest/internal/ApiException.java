package org.iofog.connector.rest.internal;

import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses: the status to answer, an {@code errormessage} that says what was wrong, and the
 * header its status calls for (which method to use, how to authenticate).
 */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final transient Map<String, String> headers;

    ApiException(HttpResponseStatus status, String message) {
        this(status, message, Map.of());
    }

    private ApiException(HttpResponseStatus status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, message);
    }

    static ApiException methodNotAllowed(String message, HttpMethod allow) {
        return new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, message,
                Map.of(HttpHeaderNames.ALLOW.toString(), allow.name()));
    }

    static ApiException unauthorized(String message) {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, message,
                Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
    }

    HttpResponseStatus status() {
        return status;
    }

    /** Headers the answer carries besides content type, length and connection; at most one today. */
    Map<String, String> headers() {
        return headers;
    }
}
