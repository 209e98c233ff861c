package org.iofog.connector.api.tls;

import java.util.Optional;

import io.netty.handler.ssl.SslContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server TLS contexts for relay ports and the REST API. Consumers ask for a context at every new
 * connection, so a reloaded certificate is used by new handshakes while established connections keep
 * the context they started with.
 */
@ProviderType
public interface TlsContextProvider {

    /** The context built from the current certificate and key; empty when no usable pair is loaded. */
    Optional<SslContext> serverContext(TlsEndpoint endpoint);

    /**
     * Whether callers of this endpoint must show a certificate. For the REST API the context asks for a
     * certificate without failing the handshake, so that the server can answer 401 with a message.
     */
    boolean clientCertificateRequired(TlsEndpoint endpoint);

    /** The TLS engine in use, {@code "OpenSSL"} or {@code "JDK"}, for status displays. */
    String engine();

    /** The certificate the contexts serve; empty when none is loaded. */
    Optional<CertificateInfo> certificate();

    /**
     * Why no pair is loaded, or why the latest files on disk were rejected while an older pair stays in
     * use; empty when the files on disk are in use. Not named {@code problem()}: the TLS component also
     * publishes its settings, whose {@code problem()} is a rejected configuration.
     */
    Optional<String> certificateProblem();
}
