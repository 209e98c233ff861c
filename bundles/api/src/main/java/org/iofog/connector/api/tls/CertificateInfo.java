package org.iofog.connector.api.tls;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What an operator wants to know of the server certificate in use.
 *
 * @param certFile          where the certificate chain was read from
 * @param keyFile           where the private key was read from
 * @param subject           the server certificate's subject (RFC 2253)
 * @param issuer            its issuer (RFC 2253)
 * @param subjectAltNames   its DNS names and IP addresses
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param sha256Fingerprint SHA-256 of the DER encoding, upper-case hex pairs separated by colons
 * @param keyAlgorithm      e.g. {@code "EC P-256"} or {@code "RSA 2048"}
 * @param chainLength       certificates in the chain file
 */
public record CertificateInfo(Path certFile, Path keyFile, String subject, String issuer,
                              List<String> subjectAltNames, Instant notBefore, Instant notAfter,
                              String sha256Fingerprint, String keyAlgorithm, int chainLength) {

    public CertificateInfo {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** Self-signed: the subject issued it. */
    public boolean selfSigned() {
        return subject.equals(issuer);
    }
}
