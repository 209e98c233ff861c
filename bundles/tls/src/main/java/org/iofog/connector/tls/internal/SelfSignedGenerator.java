package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes a self-signed certificate and key, for a Connector started without a certificate. The certificate is its
 * own CA (so clients can trust it as an anchor) and allows both server and client authentication, because the same
 * pair is often copied to the Controller, the other Connectors and the Agents.
 */
final class SelfSignedGenerator {

    static final String DEFAULT_NAME = "iofog-connector";

    /** Back-dates the certificate so that peers whose clock is a little behind already accept it. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedGenerator() {
    }

    /**
     * A new self-signed pair.
     *
     * @param names the host names and IP addresses of the Connector; the first one is the subject's common name.
     *     Empty gives the common name {@value #DEFAULT_NAME} and no SubjectAlternativeName.
     * @param validity how long the certificate is valid from now
     */
    static CertificatePair generate(KeyType type, List<String> names, Duration validity, Clock clock) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        List<String> cleanNames = clean(names);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            KeyPair keyPair = newKeyPair(type);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, cleanNames.isEmpty() ? DEFAULT_NAME : cleanNames.get(0))
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, keyPair.getPublic());
            addExtensions(builder, type, cleanNames, keyPair);
            // No provider: the JDK signs, and the JDK's CertificateFactory makes the certificate Netty gets.
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(type)).build(keyPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new CertificatePair(List.of(certificate), keyPair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // Every JDK 17 has these algorithms; failing here means a broken runtime, not a bad argument.
            throw new IllegalStateException("cannot generate a " + type.text() + " self-signed certificate", e);
        }
    }

    /**
     * Writes the key, then the certificate, each atomically and owner-only (see {@link PemFiles}).
     *
     * @throws TlsFileException when {@code overwrite} is false and either file exists (the certificate file is
     *     checked first)
     */
    static void write(CertificatePair pair, Path certFile, Path keyFile, boolean overwrite)
            throws TlsFileException, IOException {
        if (!overwrite) {
            refuseExisting(certFile);
            refuseExisting(keyFile);
        }
        // The key first: a watcher that sees the new certificate then finds the key that goes with it.
        PemFiles.writePrivateKey(keyFile, pair.key());
        PemFiles.writeCertificates(certFile, pair.chain());
    }

    private static void refuseExisting(Path file) throws TlsFileException {
        // NOFOLLOW_LINKS: a dangling link is a file someone put there too.
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new TlsFileException(file
                    + ": already exists; not overwritten (generate with overwrite to replace the pair)");
        }
    }

    private static List<String> clean(List<String> names) {
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                unique.add(name.strip());
            }
        }
        return new ArrayList<>(unique);
    }

    private static KeyPair newKeyPair(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator;
        switch (type) {
            case EC_P256:
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                break;
            case RSA_2048:
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                break;
            case RSA_3072:
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072, RANDOM);
                break;
            default:
                throw new IllegalArgumentException("unknown key type " + type);
        }
        return generator.generateKeyPair();
    }

    private static String signatureAlgorithm(KeyType type) {
        return type == KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** Random, positive and at most 128 bits: RFC 5280 allows 20 octets, and 0 is not a valid serial. */
    private static BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static void addExtensions(X509v3CertificateBuilder builder, KeyType type, List<String> names,
            KeyPair keyPair) throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        // keyEncipherment only for RSA: TLS 1.2 RSA key exchange encrypts with the key; an EC key never does.
        int usage = KeyUsage.digitalSignature | KeyUsage.keyCertSign;
        if (type != KeyType.EC_P256) {
            usage |= KeyUsage.keyEncipherment;
        }
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        KeyPurposeId[] purposes = {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(keyPair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(keyPair.getPublic()));
        if (!names.isEmpty()) {
            // An empty SubjectAlternativeName is invalid (RFC 5280 needs at least one name), hence no extension.
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
        }
    }

    private static GeneralNames subjectAlternativeNames(List<String> names) {
        GeneralName[] entries = new GeneralName[names.size()];
        for (int i = 0; i < entries.length; i++) {
            String name = names.get(i);
            String address = IpLiterals.unbracket(name);
            // IPAddress parses the text only; InetAddress.getByName could resolve a host name through DNS.
            entries[i] = IPAddress.isValid(address)
                    ? new GeneralName(GeneralName.iPAddress, address)
                    : new GeneralName(GeneralName.dNSName, name);
        }
        return new GeneralNames(entries);
    }
}
