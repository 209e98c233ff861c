package org.iofog.connector.rest.internal;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What an endpoint answers a request it accepts: the body, written in the format its route produces, and
 * what to do once the answer is on the wire (the connector stopping after saying so).
 *
 * @param afterSent may be null
 * @param status    the HTTP status of the answer
 */
record Reply(Object body, Runnable afterSent, HttpResponseStatus status) {

    static Reply of(Object body) {
        return new Reply(body, null, HttpResponseStatus.OK);
    }

    Reply then(Runnable action) {
        return new Reply(body, action, status);
    }

    /** An answer that is not a refusal but still not 200 (a health check that says "down" with its reasons). */
    Reply withStatus(HttpResponseStatus answered) {
        return new Reply(body, afterSent, answered);
    }
}
