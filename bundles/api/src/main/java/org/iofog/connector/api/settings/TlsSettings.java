package org.iofog.connector.api.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * PID {@code org.iofog.connector.tls}: the certificate and key of relay ports and the REST API, how a
 * self-signed pair is generated, which TLS engine runs and whether clients must show certificates.
 *
 * @param certFile               PEM certificate chain, server certificate first
 * @param keyFile                PEM private key (PKCS#1, PKCS#8 or SEC1; RSA or EC; PKCS#8 may be encrypted)
 * @param keyPassword            password of an encrypted key; empty for none
 * @param selfSignedGenerate     generate a self-signed pair when neither file exists
 * @param selfSignedKeyType      key of a generated pair, one of {@link #KEY_TYPES}
 * @param selfSignedNames        subject alternative names of a generated pair besides the connector's address
 * @param selfSignedValidityDays validity of a generated certificate
 * @param engine                 which TLS implementation runs the handshakes
 * @param relayClientAuth        whether agents and public clients on relay ports must show a certificate
 * @param restClientAuth         whether REST API callers must show a certificate
 * @param clientCaFile           PEM certificates trusted to issue client certificates; null when client auth is off
 */
public record TlsSettings(Path certFile, Path keyFile, String keyPassword, boolean selfSignedGenerate,
                          String selfSignedKeyType, List<String> selfSignedNames, int selfSignedValidityDays,
                          Engine engine, ClientAuth relayClientAuth, ClientAuth restClientAuth, Path clientCaFile) {

    public static final String PID = "org.iofog.connector.tls";

    /** Key types a self-signed pair can have, as written in the configuration. */
    public static final List<String> KEY_TYPES = List.of("ec-p256", "rsa-2048", "rsa-3072");

    /** TLS implementations. */
    public enum Engine {
        /** OpenSSL (BoringSSL through netty-tcnative) when its native library loads, else the JDK's. */
        AUTO,
        /** OpenSSL; the JDK's engine, with an error in the log, when the native library does not load. */
        OPENSSL,
        /** The JDK's own engine. */
        JDK
    }

    /** Client certificate checks. */
    public enum ClientAuth {
        NONE, OPTIONAL, REQUIRE
    }

    public TlsSettings {
        selfSignedNames = List.copyOf(selfSignedNames);
    }

    /** Never shows the key password: settings end up in logs. */
    @Override
    public String toString() {
        return "TlsSettings[certFile=" + certFile + ", keyFile=" + keyFile
                + ", keyPassword=" + (keyPassword.isEmpty() ? "none" : "set")
                + ", selfSignedGenerate=" + selfSignedGenerate + ", selfSignedKeyType=" + selfSignedKeyType
                + ", selfSignedNames=" + selfSignedNames + ", selfSignedValidityDays=" + selfSignedValidityDays
                + ", engine=" + engine + ", relayClientAuth=" + relayClientAuth + ", restClientAuth=" + restClientAuth
                + ", clientCaFile=" + clientCaFile + "]";
    }
}
