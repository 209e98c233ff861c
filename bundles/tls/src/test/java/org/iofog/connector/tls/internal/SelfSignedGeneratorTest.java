package org.iofog.connector.tls.internal;

import static org.iofog.connector.tls.internal.CertificatePairsTest.clockAt;
import static org.iofog.connector.tls.internal.PemFilesTest.assertJdkObject;
import static org.iofog.connector.tls.internal.PemFilesTest.assertOwnerOnly;
import static org.iofog.connector.tls.internal.PemFilesTest.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SelfSignedGeneratorTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Clock CLOCK = clockAt(NOW);
    private static final Duration YEAR = Duration.ofDays(365);
    private static final List<String> NAMES = List.of("connector.iofog.test", "10.1.2.3", "fd00::1", "localhost");

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path certFile;
    private Path keyFile;

    @Before
    public void files() {
        certFile = folder.getRoot().toPath().resolve("etc/tls/connector.crt");
        keyFile = folder.getRoot().toPath().resolve("etc/tls/connector.key");
    }

    @Test
    public void ecPairLoadsBack() throws Exception {
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK);

        SelfSignedGenerator.write(pair, certFile, keyFile, false);
        CertificatePair loaded = CertificatePairs.load(certFile, keyFile, null, CLOCK);

        assertEquals(pair.chain(), loaded.chain());
        assertArrayEquals(pair.key().getEncoded(), loaded.key().getEncoded());
        assertEquals("EC", loaded.key().getAlgorithm());
        assertEquals("SHA256withECDSA", loaded.leaf().getSigAlgName());
        assertJdkObject(pair.key());
        assertJdkObject(pair.leaf());
    }

    @Test
    public void rsaPairLoadsBack() throws Exception {
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.RSA_2048, NAMES, YEAR, CLOCK);

        SelfSignedGenerator.write(pair, certFile, keyFile, false);
        CertificatePair loaded = CertificatePairs.load(certFile, keyFile, null, CLOCK);

        assertEquals(pair.chain(), loaded.chain());
        assertEquals("RSA", loaded.key().getAlgorithm());
        assertEquals(2048, ((RSAPrivateKey) loaded.key()).getModulus().bitLength());
        assertEquals("SHA256withRSA", loaded.leaf().getSigAlgName());
        assertJdkObject(pair.key());
    }

    @Test
    public void rsa3072() {
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.RSA_3072, NAMES, YEAR, CLOCK);

        assertEquals(3072, ((RSAPrivateKey) pair.key()).getModulus().bitLength());
    }

    @Test
    public void subjectAlternativeNamesHoldEveryNameWithIpLiteralsAsAddresses() throws Exception {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK).leaf();

        List<String> dnsNames = new ArrayList<>();
        List<InetAddress> addresses = new ArrayList<>();
        for (List<?> entry : leaf.getSubjectAlternativeNames()) {
            int type = (Integer) entry.get(0);
            String value = (String) entry.get(1);
            if (type == DNS_NAME) {
                dnsNames.add(value);
            } else if (type == IP_ADDRESS) {
                // A literal: InetAddress parses it without a lookup.
                addresses.add(InetAddress.getByName(value));
            } else {
                throw new AssertionError("unexpected name type " + entry);
            }
        }
        assertEquals(List.of("connector.iofog.test", "localhost"), dnsNames);
        assertEquals(List.of(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("fd00::1")), addresses);
    }

    @Test
    public void bracketedIpv6LiteralIsAnAddress() throws Exception {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.EC_P256, List.of("[::1]"), YEAR, CLOCK).leaf();

        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        assertEquals(1, names.size());
        List<?> entry = names.iterator().next();
        assertEquals(IP_ADDRESS, entry.get(0));
        assertEquals(InetAddress.getByName("::1"), InetAddress.getByName((String) entry.get(1)));
    }

    @Test
    public void subjectIsTheFirstName() {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK).leaf();

        assertEquals("CN=connector.iofog.test", leaf.getSubjectX500Principal().getName());
        assertEquals(leaf.getSubjectX500Principal(), leaf.getIssuerX500Principal());
    }

    @Test
    public void defaultSubjectWithoutNames() throws Exception {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.EC_P256, List.of(), YEAR, CLOCK).leaf();

        assertEquals("CN=iofog-connector", leaf.getSubjectX500Principal().getName());
        assertNull(leaf.getSubjectAlternativeNames());
    }

    @Test
    public void selfSignedCaForServerAndClientAuthentication() throws Exception {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK).leaf();

        leaf.verify(leaf.getPublicKey());
        assertNotEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getCriticalExtensionOIDs().contains(BASIC_CONSTRAINTS));
        assertTrue(leaf.getCriticalExtensionOIDs().contains(KEY_USAGE));
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), leaf.getExtendedKeyUsage());
        // digitalSignature(0), nonRepudiation, keyEncipherment(2), dataEncipherment, keyAgreement, keyCertSign(5)
        assertArrayEquals(new boolean[] {true, false, false, false, false, true},
                Arrays.copyOf(leaf.getKeyUsage(), 6));
    }

    @Test
    public void rsaKeyUsageAddsKeyEncipherment() {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.RSA_2048, NAMES, YEAR, CLOCK).leaf();

        assertArrayEquals(new boolean[] {true, false, true, false, false, true},
                Arrays.copyOf(leaf.getKeyUsage(), 6));
    }

    @Test
    public void validFromAnHourAgoForTheGivenDuration() {
        X509Certificate leaf = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK).leaf();

        assertEquals(NOW.minus(Duration.ofHours(1)), leaf.getNotBefore().toInstant());
        assertEquals(NOW.plus(YEAR), leaf.getNotAfter().toInstant());
    }

    @Test
    public void serialIsRandomPositiveAndAtMost128Bits() {
        BigInteger first = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK).leaf().getSerialNumber();
        BigInteger second = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK).leaf().getSerialNumber();

        for (BigInteger serial : List.of(first, second)) {
            assertEquals(1, serial.signum());
            assertTrue(serial.toString(16), serial.bitLength() <= 128);
        }
        assertNotEquals(first, second);
    }

    @Test
    public void filesAreReadableByTheOwnerOnly() throws Exception {
        SelfSignedGenerator.write(SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK),
                certFile, keyFile, false);

        assertOwnerOnly(keyFile);
        assertOwnerOnly(certFile);
    }

    @Test
    public void refusesAnExistingCertificateFile() throws Exception {
        Files.createDirectories(certFile.getParent());
        Files.writeString(certFile, "existing");
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK);

        assertEquals(certFile + ": already exists; not overwritten (generate with overwrite to replace the pair)",
                failure(() -> SelfSignedGenerator.write(pair, certFile, keyFile, false)));
        assertEquals("existing", Files.readString(certFile));
        assertFalse(Files.exists(keyFile));
    }

    @Test
    public void refusesAnExistingKeyFile() throws Exception {
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "existing");
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK);

        assertEquals(keyFile + ": already exists; not overwritten (generate with overwrite to replace the pair)",
                failure(() -> SelfSignedGenerator.write(pair, certFile, keyFile, false)));
        assertEquals("existing", Files.readString(keyFile));
        assertFalse(Files.exists(certFile));
    }

    @Test
    public void namesTheCertificateFileWhenBothExist() throws Exception {
        CertificatePair first = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK);
        SelfSignedGenerator.write(first, certFile, keyFile, false);
        CertificatePair second = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK);

        assertEquals(certFile + ": already exists; not overwritten (generate with overwrite to replace the pair)",
                failure(() -> SelfSignedGenerator.write(second, certFile, keyFile, false)));
        assertEquals(first.chain(), CertificatePairs.load(certFile, keyFile, null, CLOCK).chain());
    }

    @Test
    public void overwritesWhenTold() throws Exception {
        SelfSignedGenerator.write(SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, YEAR, CLOCK),
                certFile, keyFile, false);
        CertificatePair second = SelfSignedGenerator.generate(KeyType.RSA_2048, NAMES, YEAR, CLOCK);

        SelfSignedGenerator.write(second, certFile, keyFile, true);

        CertificatePair loaded = CertificatePairs.load(certFile, keyFile, null, CLOCK);
        assertEquals(second.chain(), loaded.chain());
        assertArrayEquals(second.key().getEncoded(), loaded.key().getEncoded());
        assertOwnerOnly(keyFile);
    }

    @Test
    public void expiryWarningWithinThirtyDays() throws Exception {
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, Duration.ofDays(20), CLOCK);
        SelfSignedGenerator.write(pair, certFile, keyFile, false);

        assertEquals(Optional.of(certFile + ": the certificate expires on " + NOW.plus(Duration.ofDays(20))
                + ", in 20 days; renew it soon"), CertificatePairs.expiryWarning(certFile, pair, CLOCK));
    }

    @Test
    public void noExpiryWarningWithMoreThanThirtyDaysLeft() {
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.EC_P256, NAMES, Duration.ofDays(31), CLOCK);

        assertEquals(Optional.empty(), CertificatePairs.expiryWarning(certFile, pair, CLOCK));
        assertTrue(CertificatePairs.expiryWarning(certFile, pair, clockAt(NOW.plus(Duration.ofDays(2)))).isPresent());
    }
}
