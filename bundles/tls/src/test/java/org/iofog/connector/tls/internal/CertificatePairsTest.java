package org.iofog.connector.tls.internal;

import static org.iofog.connector.tls.internal.PemFilesTest.assertJdkObject;
import static org.iofog.connector.tls.internal.PemFilesTest.failure;
import static org.iofog.connector.tls.internal.PemFilesTest.fixture;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Loading pairs of the openssl-made fixtures, valid from late 2026 for 36500 days; fixed clocks keep the tests
 * independent of today's date.
 */
public class CertificatePairsTest {

    private static final Clock VALID = clockAt(Instant.parse("2050-01-01T00:00:00Z"));
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    // ---- one test per supported key encoding

    @Test
    public void loadsRsaPkcs1() throws Exception {
        assertLoads("rsa.crt", "rsa-pkcs1.key", null, "RSA", "CN=rsa.iofog.test");
    }

    @Test
    public void loadsRsaPkcs8() throws Exception {
        assertLoads("rsa.crt", "rsa-pkcs8.key", null, "RSA", "CN=rsa.iofog.test");
    }

    @Test
    public void loadsEcSec1() throws Exception {
        assertLoads("ec.crt", "ec-sec1.key", null, "EC", "CN=ec.iofog.test");
    }

    @Test
    public void loadsEcPkcs8() throws Exception {
        assertLoads("ec.crt", "ec-pkcs8.key", null, "EC", "CN=ec.iofog.test");
    }

    /** Keys made by Bouncy Castle (as inside Karaf) name their algorithm ECDSA; the certificate's says EC. */
    @Test
    public void anEcKeyNamedEcdsaMatchesItsCertificate() throws Exception {
        java.security.PrivateKey jdkKey = PemFiles.readPrivateKey(fixture("ec-pkcs8.key"), null);
        var bouncyCastle = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        // Registered as Karaf's ssh feature registers it, so that signatures with its keys find it.
        java.security.Security.addProvider(bouncyCastle);
        try {
            java.security.PrivateKey bcKey = java.security.KeyFactory.getInstance("ECDSA", bouncyCastle)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(jdkKey.getEncoded()));
            assertEquals("ECDSA", bcKey.getAlgorithm());
            java.security.cert.X509Certificate leaf = PemFiles.readCertificates(fixture("ec.crt")).get(0);
            CertificatePairs.checkKeyMatches(fixture("ec.crt"), fixture("ec-pkcs8.key"), leaf, bcKey);
        } finally {
            java.security.Security.removeProvider(bouncyCastle.getName());
        }
    }

    @Test
    public void loadsEncryptedPkcs8() throws Exception {
        assertLoads("rsa.crt", "rsa-pkcs8-encrypted.key", PASSWORD, "RSA", "CN=rsa.iofog.test");
    }

    @Test
    public void loadsLegacyEncryptedPkcs1() throws Exception {
        assertLoads("rsa.crt", "rsa-pkcs1-encrypted.key", PASSWORD, "RSA", "CN=rsa.iofog.test");
    }

    @Test
    public void loadsChainLeafFirst() throws Exception {
        CertificatePair pair = CertificatePairs.load(fixture("chain.crt"), fixture("leaf.key"), null, VALID);

        assertEquals(2, pair.chain().size());
        assertEquals("CN=leaf.iofog.test", pair.leaf().getSubjectX500Principal().getName());
        assertEquals("CN=iofog test CA", pair.chain().get(1).getSubjectX500Principal().getName());
        assertEquals(pair.chain().get(1).getSubjectX500Principal(), pair.leaf().getIssuerX500Principal());
        assertEquals("RSA", pair.key().getAlgorithm());
    }

    // ---- broken pairs

    @Test
    public void chainInTheWrongOrder() {
        Path cert = fixture("chain-wrong-order.crt");

        assertEquals(cert + ": certificate 2 did not issue certificate 1"
                + " (list the server certificate first, then each issuer in order)",
                failure(() -> CertificatePairs.load(cert, fixture("leaf.key"), null, VALID)));
    }

    @Test
    public void unrelatedRsaKey() {
        assertMismatch("rsa.crt", "other-rsa.key");
    }

    @Test
    public void unrelatedEcKey() {
        assertMismatch("ec.crt", "other-ec.key");
    }

    @Test
    public void keyOfAnotherAlgorithm() {
        assertMismatch("rsa.crt", "ec-pkcs8.key");
    }

    @Test
    public void keyOfTheIssuerInsteadOfTheLeaf() {
        // rsa.crt's key is not the chain's; the chain's second certificate must not count as a match either.
        assertMismatch("chain.crt", "rsa-pkcs1.key");
    }

    @Test
    public void expired() throws Exception {
        Path cert = fixture("rsa.crt");
        Instant notAfter = jdkCertificate(cert).getNotAfter().toInstant();

        assertEquals(cert + ": the certificate expired on " + notAfter,
                failure(() -> CertificatePairs.load(cert, fixture("rsa-pkcs1.key"), null,
                        clockAt(notAfter.plusSeconds(1)))));
        assertEquals(cert + ": the certificate expired on " + notAfter,
                failure(() -> CertificatePairs.load(cert, fixture("rsa-pkcs1.key"), null,
                        clockAt(Instant.parse("2200-01-01T00:00:00Z")))));
    }

    @Test
    public void validUpToTheLastSecond() throws Exception {
        Path cert = fixture("rsa.crt");
        Instant notAfter = jdkCertificate(cert).getNotAfter().toInstant();

        CertificatePairs.load(cert, fixture("rsa-pkcs1.key"), null, clockAt(notAfter));
    }

    @Test
    public void notYetValid() throws Exception {
        Path cert = fixture("ec.crt");
        Instant notBefore = jdkCertificate(cert).getNotBefore().toInstant();

        assertEquals(cert + ": the certificate is not valid before " + notBefore,
                failure(() -> CertificatePairs.load(cert, fixture("ec-sec1.key"), null,
                        clockAt(Instant.parse("2000-01-01T00:00:00Z")))));
    }

    @Test
    public void missingFiles() {
        Path absent = folder.getRoot().toPath().resolve("absent.pem");

        assertEquals(absent + ": no such file",
                failure(() -> CertificatePairs.load(absent, fixture("rsa-pkcs1.key"), null, VALID)));
        assertEquals(absent + ": no such file",
                failure(() -> CertificatePairs.load(fixture("rsa.crt"), absent, null, VALID)));
    }

    // ---- expiry warning

    @Test
    public void warnsWithinThirtyDaysOfExpiry() throws Exception {
        Path cert = fixture("rsa.crt");
        CertificatePair pair = CertificatePairs.load(cert, fixture("rsa-pkcs1.key"), null, VALID);
        Instant notAfter = pair.leaf().getNotAfter().toInstant();

        assertEquals(Optional.of(cert + ": the certificate expires on " + notAfter + ", in 10 days; renew it soon"),
                CertificatePairs.expiryWarning(cert, pair, clockAt(notAfter.minus(Duration.ofDays(10).plusHours(23)))));
        assertEquals(Optional.of(cert + ": the certificate expires on " + notAfter + ", in 30 days; renew it soon"),
                CertificatePairs.expiryWarning(cert, pair, clockAt(notAfter.minus(Duration.ofDays(30)))));
        assertEquals(Optional.of(cert + ": the certificate expires on " + notAfter + ", in 0 days; renew it soon"),
                CertificatePairs.expiryWarning(cert, pair, clockAt(notAfter.minusSeconds(60))));
    }

    @Test
    public void noWarningEarlierThanThirtyDays() throws Exception {
        Path cert = fixture("rsa.crt");
        CertificatePair pair = CertificatePairs.load(cert, fixture("rsa-pkcs1.key"), null, VALID);
        Instant notAfter = pair.leaf().getNotAfter().toInstant();

        assertEquals(Optional.empty(), CertificatePairs.expiryWarning(cert, pair,
                clockAt(notAfter.minus(Duration.ofDays(30)).minusSeconds(1))));
        assertEquals(Optional.empty(), CertificatePairs.expiryWarning(cert, pair, VALID));
    }

    @Test
    public void warningForAPairThatHasExpiredSinceItWasLoaded() throws Exception {
        Path cert = fixture("rsa.crt");
        CertificatePair pair = CertificatePairs.load(cert, fixture("rsa-pkcs1.key"), null, VALID);
        Instant notAfter = pair.leaf().getNotAfter().toInstant();

        assertEquals(Optional.of(cert + ": the certificate expired on " + notAfter),
                CertificatePairs.expiryWarning(cert, pair, clockAt(notAfter.plusSeconds(1))));
    }

    private static void assertLoads(String certName, String keyName, char[] password, String algorithm,
            String subject) throws TlsFileException {
        CertificatePair pair = CertificatePairs.load(fixture(certName), fixture(keyName), password, VALID);

        assertEquals(1, pair.chain().size());
        assertEquals(subject, pair.leaf().getSubjectX500Principal().getName());
        assertEquals(algorithm, pair.key().getAlgorithm());
        assertEquals(algorithm, pair.leaf().getPublicKey().getAlgorithm());
        assertJdkObject(pair.key());
        assertJdkObject(pair.leaf());
    }

    private static void assertMismatch(String certName, String keyName) {
        Path cert = fixture(certName);
        Path key = fixture(keyName);

        assertEquals("the private key in " + key + " does not match the certificate in " + cert,
                failure(() -> CertificatePairs.load(cert, key, null, VALID)));
    }

    /** The certificate as the JDK alone reads it, independently of the code under test. */
    private static X509Certificate jdkCertificate(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
