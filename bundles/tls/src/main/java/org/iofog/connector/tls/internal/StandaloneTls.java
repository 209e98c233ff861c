package org.iofog.connector.tls.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.settings.TlsSettings;

/**
 * The bundle's certificate generation and server contexts, without OSGi. Public only so that the exported
 * {@code org.iofog.connector.tls.embedded} package can build on them; this package stays private to the
 * bundle.
 */
public final class StandaloneTls {

    private final CertificatePair pair;

    private StandaloneTls(CertificatePair pair) {
        this.pair = pair;
    }

    /** A new self-signed EC P-256 pair naming {@code names}, as a connector started without a certificate makes. */
    public static StandaloneTls selfSigned(List<String> names, Duration validity) {
        return new StandaloneTls(SelfSignedGenerator.generate(KeyType.EC_P256, names, validity, Clock.systemUTC()));
    }

    public X509Certificate certificate() {
        return pair.leaf();
    }

    public List<X509Certificate> chain() {
        return pair.chain();
    }

    public PrivateKey key() {
        return pair.key();
    }

    /** The RELAY server context on this engine, without client certificates. */
    public SslContext relayContext(SslProvider provider) throws SSLException {
        return ServerContextFactory.build(provider, pair, TlsSettings.ClientAuth.NONE, List.of());
    }

    /** The protocols the bundle's server contexts allow, most preferred first. */
    public static List<String> protocols() {
        return List.of(ServerContextFactory.PROTOCOLS);
    }

    /** The cipher suites the bundle's server contexts allow, most preferred first. */
    public static List<String> cipherSuites() {
        return ServerContextFactory.CIPHERS;
    }

    /** Whether netty-tcnative's BoringSSL loads here. */
    public static boolean openSslLoads() {
        return EngineChoice.openSslLoads();
    }

    /** Why BoringSSL does not load here. */
    public static String openSslUnavailabilityCause() {
        return EngineChoice.unavailabilityCause();
    }
}
