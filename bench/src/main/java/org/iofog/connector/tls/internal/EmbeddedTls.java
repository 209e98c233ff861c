package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.settings.TlsSettings;

/**
 * The TLS material of the bench, made by the TLS bundle's own classes: a self-signed EC P-256 certificate for
 * 127.0.0.1 (what a Connector started without a certificate generates), the relay's server context on either
 * engine, built as the bundle builds the RELAY context without client certificates, and a JDK context with the
 * same key for the direct TLS baseline. It lives in the bundle's package only because those classes are
 * package-private; on the bench's plain classpath the split package is harmless.
 */
public final class EmbeddedTls {

    /** Long enough for any run; the bench never writes the pair anywhere. */
    private static final Duration VALIDITY = Duration.ofDays(1);
    /** The in-memory key store needs a password; nothing else ever sees it. */
    private static final char[] STORE_PASSWORD = "bench".toCharArray();

    private final CertificatePair pair;

    private EmbeddedTls(CertificatePair pair) {
        this.pair = pair;
    }

    /** A new self-signed pair naming 127.0.0.1, the only address the bench uses. */
    public static EmbeddedTls selfSigned() {
        return new EmbeddedTls(SelfSignedGenerator.generate(KeyType.EC_P256, List.of("127.0.0.1"), VALIDITY,
                Clock.systemUTC()));
    }

    /** The certificate clients must trust: self-signed, so it is its own anchor. */
    public X509Certificate certificate() {
        return pair.leaf();
    }

    /** The relay's server context on this engine: TLS 1.2/1.3, AEAD suites, no client certificates. */
    public SslContext relayContext(SslProvider provider) throws SSLException {
        return ServerContextFactory.build(provider, pair, TlsSettings.ClientAuth.NONE, List.of());
    }

    /**
     * A JDK context holding the same key and certificate, for a plain {@code SSLServerSocket}: what TLS costs
     * between two JDK sockets, without the relay.
     */
    public SSLContext jdkServerContext() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("relay", pair.key(), STORE_PASSWORD, pair.chain().toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The protocols the bundle's server contexts allow, most preferred first. */
    public static List<String> protocols() {
        return List.of(ServerContextFactory.PROTOCOLS);
    }

    /** The cipher suites the bundle's server contexts allow, most preferred first. */
    public static List<String> cipherSuites() {
        return ServerContextFactory.CIPHERS;
    }

    /** Whether netty-tcnative's BoringSSL loads here, so that {@link SslProvider#OPENSSL} can be used. */
    public static boolean openSslAvailable() {
        return EngineChoice.openSslLoads();
    }

    /** E.g. "BoringSSL (netty-tcnative-boringssl-static 2.0.84.Final)" when OpenSSL is available; otherwise why not. */
    public static String openSslDescription() {
        if (EngineChoice.openSslLoads()) {
            return OpenSsl.versionString() + " (netty-tcnative-boringssl-static " + tcnativeVersion() + ")";
        }
        return "unavailable: " + EngineChoice.unavailabilityCause();
    }

    /**
     * BoringSSL names no version of its own, so the jar that brings it tells it, from the Maven metadata the
     * shaded jar keeps (its manifest is not the tcnative jar's).
     */
    private static String tcnativeVersion() {
        String resource = "/META-INF/maven/io.netty/netty-tcnative-boringssl-static/pom.properties";
        try (InputStream in = EmbeddedTls.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "version unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "version unknown");
        } catch (IOException e) {
            return "version unknown";
        }
    }
}
