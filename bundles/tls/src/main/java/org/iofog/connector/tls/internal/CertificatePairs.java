package org.iofog.connector.tls.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Loads a certificate file and a key file as a {@link CertificatePair}, refusing pairs that a TLS handshake would
 * only reject later, with a less helpful message (or, for a key that does not match, not at all on our side).
 */
final class CertificatePairs {

    /** How long before the leaf expires {@link #expiryWarning} starts to warn. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificatePairs() {
    }

    /**
     * Reads both files and checks that the chain is in order (each certificate issued by the next one), that the
     * key belongs to the leaf and that the leaf is valid at {@code clock.instant()}.
     *
     * @param password the key's password; null or empty for an unencrypted key
     */
    static CertificatePair load(Path certFile, Path keyFile, char[] password, Clock clock) throws TlsFileException {
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile, password);
        checkOrder(certFile, chain);
        checkKeyMatches(certFile, keyFile, chain.get(0), key);
        checkValidity(certFile, chain.get(0), clock.instant());
        return new CertificatePair(chain, key);
    }

    /**
     * A warning when the leaf expires within {@link #EXPIRY_WARNING} of {@code clock.instant()}, else empty. A leaf
     * that has already expired (a pair loaded earlier and kept running) gets the "expired" message.
     */
    static Optional<String> expiryWarning(Path certFile, CertificatePair pair, Clock clock) {
        Instant notAfter = pair.leaf().getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        if (left.isNegative()) {
            return Optional.of(expired(certFile, notAfter));
        }
        if (left.compareTo(EXPIRY_WARNING) > 0) {
            return Optional.empty();
        }
        return Optional.of(certFile + ": the certificate expires on " + format(notAfter) + ", in " + left.toDays()
                + " days; renew it soon");
    }

    private static void checkOrder(Path certFile, List<X509Certificate> chain) throws TlsFileException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!issued(chain.get(i + 1), chain.get(i))) {
                throw new TlsFileException(certFile + ": certificate " + (i + 2) + " did not issue certificate "
                        + (i + 1) + " (list the server certificate first, then each issuer in order)");
            }
        }
    }

    /** Whether the issuer's name is the issuer of the subject and the issuer's key verifies the signature. */
    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (NoSuchAlgorithmException e) {
            // A signature algorithm this JDK does not know: the names matching is all we can check; the peer that
            // validates the chain may know the algorithm.
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Signs random bytes with the private key and verifies them with the leaf's public key: comparing key
     * encodings would need code per algorithm, a signature works the same for RSA and EC.
     */
    static void checkKeyMatches(Path certFile, Path keyFile, X509Certificate leaf, PrivateKey key)
            throws TlsFileException {
        PublicKey publicKey = leaf.getPublicKey();
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            throw new TlsFileException(keyFile + ": the private key algorithm " + key.getAlgorithm()
                    + " is not supported (use an RSA or EC key)");
        }
        boolean matches;
        if (!algorithm.equals(signatureAlgorithm(publicKey.getAlgorithm()))) {
            matches = false;
        } else {
            try {
                byte[] challenge = new byte[32];
                RANDOM.nextBytes(challenge);
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(challenge);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(publicKey);
                verifier.update(challenge);
                matches = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                // For example an EC key on another curve than the certificate's.
                matches = false;
            }
        }
        if (!matches) {
            throw new TlsFileException("the private key in " + keyFile + " does not match the certificate in "
                    + certFile);
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                // Bouncy Castle's keys say ECDSA where the JDK's say EC; inside Karaf, whose ssh feature
                // registers Bouncy Castle, the same PEM file can come out as either.
                return "SHA256withECDSA";
            case "EdDSA":
            case "Ed25519":
            case "Ed448":
                return keyAlgorithm;
            default:
                return null;
        }
    }

    private static void checkValidity(Path certFile, X509Certificate leaf, Instant now) throws TlsFileException {
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            throw new TlsFileException(expired(certFile, notAfter));
        }
        if (now.isBefore(notBefore)) {
            throw new TlsFileException(certFile + ": the certificate is not valid before " + format(notBefore));
        }
    }

    private static String expired(Path certFile, Instant notAfter) {
        return certFile + ": the certificate expired on " + format(notAfter);
    }

    private static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
