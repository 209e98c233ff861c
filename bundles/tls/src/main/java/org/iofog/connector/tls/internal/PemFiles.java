package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.iofog.connector.support.AtomicFiles;

/**
 * Reads and writes PEM certificate chains and private keys.
 *
 * <p>Keys and certificates come out as JDK objects (the converters have no provider set, so the JDK's KeyFactory
 * and CertificateFactory make them): both Netty engines, the JDK's and OpenSSL, accept those. Bouncy Castle's
 * provider is used only to decrypt keys, as a private instance: registering it with {@code Security.addProvider}
 * would leak it to every bundle in the container and pin this bundle's class loader.
 */
final class PemFiles {

    private static final Set<String> CERTIFICATE_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE");
    private static final Set<String> KEY_TYPES =
            Set.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY");

    private static final String NO_KEY = "no private key found (expected a PEM block BEGIN PRIVATE KEY,"
            + " BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)";

    private PemFiles() {
    }

    /** Every certificate of the file, in file order. Blocks of other types (a key, EC parameters) are skipped. */
    static List<X509Certificate> readCertificates(Path file) throws TlsFileException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemBlock block : PemBlock.split(read(file))) {
            if (!CERTIFICATE_TYPES.contains(block.type())) {
                continue;
            }
            int number = certificates.size() + 1;
            try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
                Object object = parser.readObject();
                if (!(object instanceof X509CertificateHolder)) {
                    throw new IOException("unexpected content " + describeObject(object));
                }
                certificates.add(converter.getCertificate((X509CertificateHolder) object));
            } catch (IOException | CertificateException | RuntimeException e) {
                // Bouncy Castle reports bad base64 with an unchecked DecoderException, hence RuntimeException.
                throw new TlsFileException(file + ": certificate " + number + " is not a valid X.509 certificate ("
                        + detail(e) + ")", e);
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(file + ": no certificate found (expected a PEM block BEGIN CERTIFICATE)");
        }
        return certificates;
    }

    /**
     * The first private key of the file: PKCS#8, PKCS#1 RSA, SEC1 EC, encrypted PKCS#8 or legacy OpenSSL encrypted
     * PKCS#1/SEC1.
     *
     * @param password the password of an encrypted key; null or empty when the key is not encrypted
     */
    static PrivateKey readPrivateKey(Path file, char[] password) throws TlsFileException {
        PemBlock block = PemBlock.split(read(file)).stream()
                .filter(candidate -> KEY_TYPES.contains(candidate.type()))
                .findFirst()
                .orElseThrow(() -> new TlsFileException(file + ": " + NO_KEY));
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw cannotRead(file, e);
        }
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo) {
            info = (PrivateKeyInfo) object;
        } else if (object instanceof PEMKeyPair) {
            info = ((PEMKeyPair) object).getPrivateKeyInfo();
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
            info = decrypt(file, (PKCS8EncryptedPrivateKeyInfo) object, requirePassword(file, password));
        } else if (object instanceof PEMEncryptedKeyPair) {
            info = decrypt(file, (PEMEncryptedKeyPair) object, requirePassword(file, password));
        } else {
            throw new TlsFileException(file + ": the private key cannot be read (unexpected content "
                    + describeObject(object) + ")");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Writes the chain as consecutive CERTIFICATE blocks, atomically and readable by the owner only (see
     * {@link #writeAtomically}).
     */
    static void writeCertificates(Path file, List<X509Certificate> chain) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        }
        writeAtomically(file, text.toString());
    }

    /** Writes the key unencrypted as PKCS#8 ({@code BEGIN PRIVATE KEY}), which every TLS stack reads. */
    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // Writing the key itself would give the traditional PKCS#1/SEC1 form; the generator gives PKCS#8.
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        writeAtomically(file, text.toString());
    }

    private static String read(Path file) throws TlsFileException {
        try {
            // PEM is ASCII. ISO-8859-1 decodes any byte, so a binary file gets "no ... found" rather than a
            // decoding error.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new TlsFileException(file + ": cannot be read (" + describe(e) + ")", e);
        }
    }

    private static char[] requirePassword(Path file, char[] password) throws TlsFileException {
        if (password == null || password.length == 0) {
            throw new TlsFileException(file
                    + ": the private key is encrypted; set key.password in etc/org.iofog.connector.tls.cfg");
        }
        return password;
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
            throws TlsFileException {
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(password));
        } catch (OperatorCreationException e) {
            throw cannotRead(file, e);
        } catch (PKCSException e) {
            if (e.getCause() instanceof OperatorCreationException) {
                // An encryption scheme the provider does not know: not a password problem.
                throw cannotRead(file, e);
            }
            throw wrongPassword(file, e);
        } catch (RuntimeException e) {
            // A wrong password can pass the padding check by chance and then fail while parsing the garbage.
            throw wrongPassword(file, e);
        }
    }

    private static PrivateKeyInfo decrypt(Path file, PEMEncryptedKeyPair encrypted, char[] password)
            throws TlsFileException {
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(password))
                    .getPrivateKeyInfo();
        } catch (IOException | RuntimeException e) {
            // Decryption and parsing happen in one call here, so any failure most likely means a wrong password.
            throw wrongPassword(file, e);
        }
    }

    private static TlsFileException wrongPassword(Path file, Exception cause) {
        return new TlsFileException(file + ": the private key cannot be decrypted with key.password (wrong password?)",
                cause);
    }

    private static TlsFileException cannotRead(Path file, Exception cause) {
        return new TlsFileException(file + ": the private key cannot be read (" + detail(cause) + ")", cause);
    }

    /**
     * Owner-only from the start, so that a key is never readable by others, and replaced in one rename: a reader
     * (the file watcher reloading the TLS context) sees either the old file or the new one, never half of it.
     */
    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeOwnerOnly(file, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A file system error in words: the path is already in our message, so only the reason. */
    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * The innermost message of a chain of causes: Bouncy Castle wraps the useful text ("corrupted stream - out of
     * bounds length found") in messages that repeat the exception class names.
     */
    private static String detail(Throwable e) {
        String message = null;
        Throwable cause = e;
        // Bounded, in case of a cycle of causes.
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message != null ? message : e.getClass().getSimpleName();
    }

    private static String describeObject(Object object) {
        return object == null ? "nothing" : object.getClass().getSimpleName();
    }

    /** Created on first use: building the provider's algorithm tables takes a noticeable time. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /**
     * One PEM block, from its BEGIN line to its END line. We split the file ourselves, and hand each block to a
     * fresh {@link PEMParser}, so that an error can be pinned on the block that caused it: after an exception the
     * parser cannot say which block it was reading, nor go on to the next.
     */
    private record PemBlock(String type, String text) {

        private static final String BEGIN = "-----BEGIN ";
        private static final String END = "-----END ";
        private static final String DASHES = "-----";

        static List<PemBlock> split(String content) {
            List<PemBlock> blocks = new ArrayList<>();
            String type = null;
            StringBuilder text = new StringBuilder();
            for (String rawLine : content.split("\\R", -1)) {
                String line = rawLine.strip();
                boolean begin = line.startsWith(BEGIN) && line.endsWith(DASHES)
                        && line.length() >= BEGIN.length() + DASHES.length();
                if (begin) {
                    if (type != null) {
                        // A BEGIN inside a block: the previous block lost its END line; the parser will say so.
                        blocks.add(new PemBlock(type, text.toString()));
                    }
                    type = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    text.setLength(0);
                }
                if (type != null) {
                    text.append(line).append('\n');
                    if (line.startsWith(END)) {
                        blocks.add(new PemBlock(type, text.toString()));
                        type = null;
                    }
                }
            }
            if (type != null) {
                blocks.add(new PemBlock(type, text.toString()));
            }
            return blocks;
        }
    }
}
