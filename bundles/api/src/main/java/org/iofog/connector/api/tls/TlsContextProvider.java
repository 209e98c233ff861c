package org.iofog.connector.api.tls;

import java.util.Optional;

import io.netty.handler.ssl.SslContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server TLS context for relay ports and the REST API. Consumers ask for it at every new
 * listener or connection, so a reloaded certificate is used by new handshakes while established
 * connections keep the context they started with.
 */
@ProviderType
public interface TlsContextProvider {

    /** The context built from the current certificate and key; empty when no usable pair is loaded. */
    Optional<SslContext> serverContext();

    /** The TLS engine in use, e.g. {@code "OpenSSL"} or {@code "JDK"}, for status displays. */
    String engine();
}
