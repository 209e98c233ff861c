package org.iofog.connector.tls.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.rules.TemporaryFolder;

/** Reading the openssl-made fixtures of src/test/resources/pem (see README.txt there) and writing files. */
public class PemFilesTest {

    private static final char[] PASSWORD = "s3cret".toCharArray();
    private static final String NO_CERTIFICATE = ": no certificate found (expected a PEM block BEGIN CERTIFICATE)";
    private static final String NO_KEY = ": no private key found (expected a PEM block BEGIN PRIVATE KEY,"
            + " BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)";
    private static final String ENCRYPTED =
            ": the private key is encrypted; set key.password in etc/org.iofog.connector.tls.cfg";
    private static final String WRONG_PASSWORD =
            ": the private key cannot be decrypted with key.password (wrong password?)";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    static Path fixture(String name) {
        URL url = PemFilesTest.class.getResource("/pem/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String failure(ThrowingRunnable runnable) {
        return assertThrows(TlsFileException.class, runnable).getMessage();
    }

    // ---- certificates

    @Test
    public void readsEveryCertificateInFileOrder() throws Exception {
        List<X509Certificate> chain = PemFiles.readCertificates(fixture("chain.crt"));

        assertEquals(2, chain.size());
        assertEquals("CN=leaf.iofog.test", chain.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=iofog test CA", chain.get(1).getSubjectX500Principal().getName());
        assertJdkObject(chain.get(0));
    }

    @Test
    public void skipsBlocksThatAreNotCertificates() throws Exception {
        Path file = folder.newFile("key-and-cert.pem").toPath();
        Files.writeString(file, Files.readString(fixture("rsa-pkcs8.key")) + Files.readString(fixture("rsa.crt")));

        List<X509Certificate> chain = PemFiles.readCertificates(file);

        assertEquals(1, chain.size());
        assertEquals("CN=rsa.iofog.test", chain.get(0).getSubjectX500Principal().getName());
    }

    @Test
    public void missingCertificateFile() {
        Path file = folder.getRoot().toPath().resolve("absent.crt");

        assertEquals(file + ": no such file", failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void unreadableCertificateFile() throws IOException {
        Path directory = folder.newFolder("a-directory").toPath();

        assertEquals(directory + ": cannot be read (Is a directory)",
                failure(() -> PemFiles.readCertificates(directory)));
    }

    @Test
    public void emptyCertificateFile() throws IOException {
        Path file = folder.newFile("empty.crt").toPath();

        assertEquals(file + NO_CERTIFICATE, failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void certificateFileWithOnlyAKey() {
        Path file = fixture("rsa-pkcs8.key");

        assertEquals(file + NO_CERTIFICATE, failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void certificateFileWithGarbage() {
        Path file = fixture("garbage.txt");

        assertEquals(file + NO_CERTIFICATE, failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void truncatedCertificate() {
        Path file = fixture("truncated.crt");

        assertInvalidCertificate(file, 1, failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void brokenCertificateIsNumberedInFileOrder() {
        Path file = fixture("second-truncated.crt");

        assertInvalidCertificate(file, 2, failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void certificateWithCharactersThatAreNotBase64() {
        Path file = fixture("corrupted-base64.crt");

        assertEquals(file + ": certificate 1 is not a valid X.509 certificate"
                + " (invalid characters encountered in base64 data)", failure(() -> PemFiles.readCertificates(file)));
    }

    @Test
    public void certificateWithoutEndLine() {
        Path file = fixture("no-end.crt");

        assertEquals(file + ": certificate 1 is not a valid X.509 certificate (-----END CERTIFICATE----- not found)",
                failure(() -> PemFiles.readCertificates(file)));
    }

    // ---- keys

    @Test
    public void readsRsaPkcs1AndPkcs8AsTheSameJdkKey() throws Exception {
        PrivateKey pkcs1 = PemFiles.readPrivateKey(fixture("rsa-pkcs1.key"), null);
        PrivateKey pkcs8 = PemFiles.readPrivateKey(fixture("rsa-pkcs8.key"), null);

        assertEquals("RSA", pkcs1.getAlgorithm());
        assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());
        assertJdkObject(pkcs1);
    }

    @Test
    public void readsEcSec1AfterItsParametersBlockAndPkcs8AsTheSameJdkKey() throws Exception {
        assertTrue(Files.readString(fixture("ec-sec1.key")).startsWith("-----BEGIN EC PARAMETERS-----"));

        PrivateKey sec1 = PemFiles.readPrivateKey(fixture("ec-sec1.key"), null);
        PrivateKey pkcs8 = PemFiles.readPrivateKey(fixture("ec-pkcs8.key"), null);

        assertEquals("EC", sec1.getAlgorithm());
        // Not the encodings: the one from SEC1 keeps the optional curve and public key inside, openssl's PKCS#8 not.
        assertEquals(((ECPrivateKey) pkcs8).getS(), ((ECPrivateKey) sec1).getS());
        assertEquals(256, ((ECPrivateKey) sec1).getParams().getCurve().getField().getFieldSize());
        assertJdkObject(sec1);
    }

    @Test
    public void decryptsEncryptedPkcs8WithoutRegisteringBouncyCastle() throws Exception {
        PrivateKey key = PemFiles.readPrivateKey(fixture("rsa-pkcs8-encrypted.key"), PASSWORD);

        assertArrayEquals(PemFiles.readPrivateKey(fixture("rsa-pkcs1.key"), null).getEncoded(), key.getEncoded());
        assertJdkObject(key);
        assertNull(Security.getProvider("BC"));
    }

    @Test
    public void decryptsLegacyEncryptedPkcs1WithoutRegisteringBouncyCastle() throws Exception {
        PrivateKey key = PemFiles.readPrivateKey(fixture("rsa-pkcs1-encrypted.key"), PASSWORD);

        assertArrayEquals(PemFiles.readPrivateKey(fixture("rsa-pkcs1.key"), null).getEncoded(), key.getEncoded());
        assertJdkObject(key);
        assertNull(Security.getProvider("BC"));
    }

    @Test
    public void encryptedPkcs8WithoutPassword() {
        Path file = fixture("rsa-pkcs8-encrypted.key");

        assertEquals(file + ENCRYPTED, failure(() -> PemFiles.readPrivateKey(file, null)));
        assertEquals(file + ENCRYPTED, failure(() -> PemFiles.readPrivateKey(file, new char[0])));
    }

    @Test
    public void legacyEncryptedPkcs1WithoutPassword() {
        Path file = fixture("rsa-pkcs1-encrypted.key");

        assertEquals(file + ENCRYPTED, failure(() -> PemFiles.readPrivateKey(file, null)));
        assertEquals(file + ENCRYPTED, failure(() -> PemFiles.readPrivateKey(file, new char[0])));
    }

    @Test
    public void encryptedPkcs8WithWrongPassword() {
        Path file = fixture("rsa-pkcs8-encrypted.key");

        assertEquals(file + WRONG_PASSWORD, failure(() -> PemFiles.readPrivateKey(file, "secret".toCharArray())));
    }

    @Test
    public void legacyEncryptedPkcs1WithWrongPassword() {
        Path file = fixture("rsa-pkcs1-encrypted.key");

        assertEquals(file + WRONG_PASSWORD, failure(() -> PemFiles.readPrivateKey(file, "secret".toCharArray())));
    }

    @Test
    public void missingKeyFile() {
        Path file = folder.getRoot().toPath().resolve("absent.key");

        assertEquals(file + ": no such file", failure(() -> PemFiles.readPrivateKey(file, null)));
    }

    @Test
    public void keyFileWithOnlyACertificate() {
        Path file = fixture("rsa.crt");

        assertEquals(file + NO_KEY, failure(() -> PemFiles.readPrivateKey(file, null)));
    }

    @Test
    public void keyFileWithGarbage() {
        Path file = fixture("garbage.txt");

        assertEquals(file + NO_KEY, failure(() -> PemFiles.readPrivateKey(file, null)));
    }

    @Test
    public void emptyKeyFile() throws IOException {
        Path file = folder.newFile("empty.key").toPath();

        assertEquals(file + NO_KEY, failure(() -> PemFiles.readPrivateKey(file, null)));
    }

    @Test
    public void truncatedKey() {
        Path file = fixture("truncated.key");

        String message = failure(() -> PemFiles.readPrivateKey(file, null));

        String prefix = file + ": the private key cannot be read (";
        assertTrue(message, message.startsWith(prefix) && message.endsWith(")"));
        assertTrue(message, message.length() > prefix.length() + 1);
    }

    // ---- writing

    @Test
    public void writesCertificatesThatReadBackInOrder() throws Exception {
        List<X509Certificate> chain = PemFiles.readCertificates(fixture("chain.crt"));
        Path file = folder.getRoot().toPath().resolve("out.crt");

        PemFiles.writeCertificates(file, chain);

        assertEquals(chain, PemFiles.readCertificates(file));
        assertEquals(2, Files.readAllLines(file).stream().filter("-----BEGIN CERTIFICATE-----"::equals).count());
        assertOwnerOnly(file);
    }

    @Test
    public void writesKeysAsUnencryptedPkcs8() throws Exception {
        for (String name : List.of("rsa-pkcs1.key", "ec-sec1.key")) {
            PrivateKey key = PemFiles.readPrivateKey(fixture(name), null);
            Path file = folder.getRoot().toPath().resolve("out-" + name);

            PemFiles.writePrivateKey(file, key);

            String text = Files.readString(file, StandardCharsets.US_ASCII);
            assertTrue(text, text.startsWith("-----BEGIN PRIVATE KEY-----"));
            assertArrayEquals(key.getEncoded(), PemFiles.readPrivateKey(file, null).getEncoded());
            assertOwnerOnly(file);
        }
    }

    @Test
    public void writeCreatesMissingDirectories() throws Exception {
        Path file = folder.getRoot().toPath().resolve("etc/tls/connector.key");

        PemFiles.writePrivateKey(file, PemFiles.readPrivateKey(fixture("ec-pkcs8.key"), null));

        assertTrue(Files.isRegularFile(file));
    }

    @Test
    public void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = folder.newFile("connector.key").toPath();
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateKey key = PemFiles.readPrivateKey(fixture("ec-pkcs8.key"), null);

        PemFiles.writePrivateKey(file, key);

        assertArrayEquals(key.getEncoded(), PemFiles.readPrivateKey(file, null).getEncoded());
        assertOwnerOnly(file);
        try (Stream<Path> files = Files.list(folder.getRoot().toPath())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    static void assertOwnerOnly(Path file) throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** Netty's engines take JDK keys and certificates; Bouncy Castle's classes would also pin its bundle. */
    static void assertJdkObject(Object object) {
        assertFalse(object.getClass().getName(), object.getClass().getName().startsWith("org.bouncycastle"));
    }

    private static void assertInvalidCertificate(Path file, int number, String message) {
        String prefix = file + ": certificate " + number + " is not a valid X.509 certificate (";
        // The detail is Bouncy Castle's text, which may change between its versions.
        assertTrue(message, message.startsWith(prefix) && message.endsWith(")"));
        assertTrue(message, message.length() > prefix.length() + 1);
    }
}
