package org.iofog.connector.rest.internal;

/**
 * What an endpoint answers a request it accepts: the body, written in the format its route produces, and
 * what to do once the answer is on the wire (the connector stopping after saying so).
 *
 * @param afterSent may be null
 */
record Reply(Object body, Runnable afterSent) {

    static Reply of(Object body) {
        return new Reply(body, null);
    }

    Reply then(Runnable action) {
        return new Reply(body, action);
    }
}
