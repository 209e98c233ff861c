package org.iofog.connector.tls.internal;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.iofog.connector.api.settings.TlsSettings;

/** Builds server contexts that speak TLS 1.2 and 1.3 only, with forward-secret AEAD cipher suites. */
final class ServerContextFactory {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * TLS 1.3 suites (all AEAD), then TLS 1.2 ECDHE suites with AES-GCM or ChaCha20-Poly1305: no CBC,
     * no RSA key exchange, no SHA-1 MACs. The ECDSA and RSA variants both stay so that either key works.
     */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private ServerContextFactory() {
    }

    /**
     * @param clientIssuers certificates trusted to issue client certificates; ignored when {@code clientAuth}
     *                      is {@code NONE}
     */
    static SslContext build(SslProvider provider, CertificatePair pair, TlsSettings.ClientAuth clientAuth,
                            List<X509Certificate> clientIssuers) throws SSLException {
        SslContextBuilder builder = SslContextBuilder
                .forServer(pair.key(), pair.chain().toArray(X509Certificate[]::new))
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
        if (clientAuth != TlsSettings.ClientAuth.NONE) {
            builder.clientAuth(ClientAuth.valueOf(clientAuth.name()))
                    .trustManager(clientIssuers.toArray(X509Certificate[]::new));
        }
        return builder.build();
    }
}
