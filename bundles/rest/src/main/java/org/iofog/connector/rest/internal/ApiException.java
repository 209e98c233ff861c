package org.iofog.connector.rest.internal;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the API refuses: the status to answer and an {@code errormessage} that says what was wrong. */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;

    ApiException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, message);
    }

    HttpResponseStatus status() {
        return status;
    }
}
