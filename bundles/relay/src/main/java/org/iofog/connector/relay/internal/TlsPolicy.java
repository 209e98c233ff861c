package org.iofog.connector.relay.internal;

import io.netty.handler.ssl.SslContext;

/** What relay connections speak, asked for every new connection so that changes apply at once. */
@FunctionalInterface
interface TlsPolicy {

    /** Dev mode without a certificate: plain TCP only. */
    TlsPolicy PLAIN = () -> RelayTls.PLAIN;

    /**
     * What a new connection may speak.
     *
     * @throws IllegalStateException when TLS is required and no certificate is loaded, naming the problem
     */
    RelayTls forNewConnection();

    /**
     * What one relay connection may speak.
     *
     * @param context  the server context; null when there is none (dev mode without a certificate)
     * @param required TLS only (not dev mode); otherwise a connection whose first bytes are a TLS handshake gets
     *                 TLS and any other speaks plain TCP on the same port
     */
    record RelayTls(SslContext context, boolean required) {

        static final RelayTls PLAIN = new RelayTls(null, false);

        static RelayTls required(SslContext context) {
            return new RelayTls(context, true);
        }

        /** Dev mode with a certificate: agents that can only dial TLS still get in. */
        static RelayTls either(SslContext context) {
            return new RelayTls(context, false);
        }

        boolean plainOnly() {
            return context == null;
        }
    }
}
