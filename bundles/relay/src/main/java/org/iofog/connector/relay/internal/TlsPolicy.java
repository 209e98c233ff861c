package org.iofog.connector.relay.internal;

import java.util.Optional;

import io.netty.handler.ssl.SslContext;

/** Whether relay connections speak TLS, asked for every new connection so that changes apply at once. */
@FunctionalInterface
interface TlsPolicy {

    /** Dev mode: no TLS. */
    TlsPolicy PLAIN = Optional::empty;

    /**
     * The context for a new connection; empty in dev mode.
     *
     * @throws IllegalStateException when TLS is required and no certificate is loaded, naming the problem
     */
    Optional<SslContext> contextForNewConnection();
}
