package org.iofog.connector.tls.embedded;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.tls.internal.StandaloneTls;

/**
 * TLS material made by the TLS bundle's own classes: a self-signed EC P-256 certificate for 127.0.0.1 (what a
 * connector started without a certificate generates), the relay's server context on either engine, built as
 * the bundle builds the RELAY context without client certificates, and a JDK context with the same key.
 */
public final class EmbeddedTls {

    /** Long enough for any run in one JVM; the pair is never written anywhere. */
    private static final Duration VALIDITY = Duration.ofDays(1);
    /** The in-memory key store needs a password; nothing else ever sees it. */
    private static final char[] STORE_PASSWORD = "embedded".toCharArray();

    private final StandaloneTls material;

    private EmbeddedTls(StandaloneTls material) {
        this.material = material;
    }

    /** A new self-signed pair naming 127.0.0.1. */
    public static EmbeddedTls selfSigned() {
        return new EmbeddedTls(StandaloneTls.selfSigned(List.of("127.0.0.1"), VALIDITY));
    }

    /** The certificate clients must trust: self-signed, so it is its own anchor. */
    public X509Certificate certificate() {
        return material.certificate();
    }

    /** The relay's server context on this engine: TLS 1.2/1.3, AEAD suites, no client certificates. */
    public SslContext relayContext(SslProvider provider) throws SSLException {
        return material.relayContext(provider);
    }

    /**
     * A JDK context holding the same key and certificate, for a plain {@code SSLServerSocket}: what TLS costs
     * between two JDK sockets, without the relay.
     */
    public SSLContext jdkServerContext() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("relay", material.key(), STORE_PASSWORD, material.chain().toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The protocols the bundle's server contexts allow, most preferred first. */
    public static List<String> protocols() {
        return StandaloneTls.protocols();
    }

    /** The cipher suites the bundle's server contexts allow, most preferred first. */
    public static List<String> cipherSuites() {
        return StandaloneTls.cipherSuites();
    }

    /** Whether netty-tcnative's BoringSSL loads here, so that {@link SslProvider#OPENSSL} can be used. */
    public static boolean openSslAvailable() {
        return StandaloneTls.openSslLoads();
    }

    /** Why {@link SslProvider#OPENSSL} cannot be used here; meaningful only when {@link #openSslAvailable()} is false. */
    public static String openSslUnavailabilityCause() {
        return StandaloneTls.openSslUnavailabilityCause();
    }
}
