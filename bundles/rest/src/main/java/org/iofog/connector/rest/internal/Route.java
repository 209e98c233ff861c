package org.iofog.connector.rest.internal;

import java.util.Locale;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * One line of the route table: where an endpoint is, the method it takes, the request body it accepts and
 * the answer it produces.
 *
 * @param name    how a 405 refers to it ("every endpoint takes POST", "the metrics path takes GET")
 * @param path    read at every request, so a configurable path follows its setting; empty: the route is off
 * @param accepts the content type a request body must have (a prefix, any case, so parameters such as a
 *                charset may follow); {@link #ANY} for no check. A request without a content type is taken.
 */
record Route(String name, Supplier<String> path, HttpMethod method, String accepts, Produces produces,
             Endpoint endpoint) {

    /** {@link #accepts} of a route that takes any body. */
    static final String ANY = "";

    boolean serves(String requested) {
        String here = path.get();
        return !here.isEmpty() && here.equals(requested);
    }

    /** Refuses (415) a body of another type than the route accepts. */
    void checkContentType(String type) throws ApiException {
        if (!accepts.isEmpty() && type != null && !type.toLowerCase(Locale.ROOT).startsWith(accepts)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "content type " + type + " is not accepted; send " + accepts);
        }
    }

    ApiResponse answer(FormBody form, Caller caller) throws ApiException {
        return ApiResponse.ok(endpoint.answer(form, caller), produces);
    }
}
