package org.iofog.connector.tls.internal;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.iofog.connector.api.tls.CertificateInfo;

/** Turns a loaded pair into what an operator reads in status and log lines. */
final class CertificateDescriptions {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateDescriptions() {
    }

    static CertificateInfo describe(CertificatePair pair, Path certFile, Path keyFile) {
        X509Certificate leaf = pair.leaf();
        return new CertificateInfo(certFile, keyFile,
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                subjectAltNames(leaf), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                fingerprint(leaf), keyAlgorithm(leaf.getPublicKey()), pair.chain().size());
    }

    static String summary(CertificateInfo info) {
        return info.subject() + (info.selfSigned() ? " (self-signed)" : ", issued by " + info.issuer())
                + ", names " + info.subjectAltNames() + ", " + info.keyAlgorithm() + ", valid until " + info.notAfter()
                + ", SHA-256 " + info.sha256Fingerprint();
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == SAN_DNS) {
                        names.add(String.valueOf(entry.get(1)));
                    } else if (type == SAN_IP) {
                        // The JDK writes IPv6 out in full (0:0:0:0:0:0:0:1); shown as in the generation log (::1).
                        String text = String.valueOf(entry.get(1));
                        names.add(IpLiterals.parse(text).map(IpLiterals::text).orElse(text));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names;
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a loaded certificate: " + e.getMessage(), e);
        }
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits == 256 ? "EC P-256" : bits == 384 ? "EC P-384" : bits == 521 ? "EC P-521" : "EC " + bits;
        }
        return key.getAlgorithm();
    }
}
