package org.iofog.connector.tls.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain, leaf first, and the private key of the leaf, as read from (or written to) a certificate file
 * and a key file.
 */
record CertificatePair(List<X509Certificate> chain, PrivateKey key) {

    CertificatePair {
        // An unmodifiable copy: the pair is shared between threads when the TLS context is rebuilt.
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate pair needs at least one certificate");
        }
    }

    /** The certificate that names this server: the first of the chain. */
    X509Certificate leaf() {
        return chain.get(0);
    }
}
