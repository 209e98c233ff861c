package org.iofog.connector.relay.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.relay.embedded.LoopbackPorts;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;

/**
 * A relay as the component builds it, on 127.0.0.1 with short timeouts, in dev mode or with TLS from
 * the test certificate; plus clients that speak to it like the agents do.
 */
final class TestRelay implements AutoCloseable {

    static final Duration AUTH_TIMEOUT = Duration.ofMillis(1200);
    static final Duration PUBLIC_CLIENT_WAIT = Duration.ofMillis(800);
    static final int HOLD_BYTES = 256 * 1024;

    final LoopbackPorts ports;
    final RelayEngine engine;
    final MappingRegistryImpl registry;
    final RelayCountersComponent counters;
    final LegacyMappingsImportComponent legacyImport;
    final Path mappingsFile;
    /** What the engine reads for every new connection; tests change it. */
    volatile RelaySettings settings;
    private final boolean tls;
    /** What the engine reads when it swaps transports; tests change it. */
    volatile TransportSettings transportSettings = new TransportSettings("nio", 2, 1, Duration.ofSeconds(30), true);

    private TestRelay(Path dir, SslProvider tls, AuthThrottle throttle) throws IOException {
        this(dir, tls, throttle, new LoopbackPorts(), new NioRelayTransport());
    }

    /** @param tls the TLS engine of the relay ports; null for dev mode (plain TCP) */
    private TestRelay(Path dir, SslProvider tls, AuthThrottle throttle, LoopbackPorts ports,
                      RelayTransport transport) throws IOException {
        this(dir, tls == null ? TlsPolicy.PLAIN : requiredTls(serverContext(tls)), tls == null, throttle, ports,
                transport);
    }

    /** @param dev the connector's dev mode: no TLS required */
    private TestRelay(Path dir, TlsPolicy policy, boolean dev, AuthThrottle throttle, LoopbackPorts ports,
                      RelayTransport transport) throws IOException {
        this.tls = policy.forNewConnection().required();
        this.ports = ports;
        this.mappingsFile = dir.resolve("configs.json");
        settings = new RelaySettings("127.0.0.1", AUTH_TIMEOUT, PUBLIC_CLIENT_WAIT, HOLD_BYTES, mappingsFile);
        engine = new RelayEngine(() -> settings, () -> transportSettings, policy, () -> dev, throttle);
        engine.switchTo(transport);
        registry = new MappingRegistryImpl(engine, ports, mappingsFile);
        registry.restore(null);
        counters = new RelayCountersComponent(registry, engine.statistics());
        legacyImport = new LegacyMappingsImportComponent(registry);
    }

    static TestRelay plain(Path dir) throws IOException {
        return new TestRelay(dir, null, new AuthThrottle());
    }

    static TestRelay plain(Path dir, RelayTransport transport) throws IOException {
        return new TestRelay(dir, (SslProvider) null, new AuthThrottle(), new LoopbackPorts(), transport);
    }

    static TestRelay withTls(Path dir, SslProvider engine) throws IOException {
        return new TestRelay(dir, engine, new AuthThrottle());
    }

    static TestRelay withTls(Path dir, SslProvider engine, RelayTransport transport) throws IOException {
        return new TestRelay(dir, engine, new AuthThrottle(), new LoopbackPorts(), transport);
    }

    static TestRelay withPorts(Path dir, LoopbackPorts ports) throws IOException {
        return new TestRelay(dir, (SslProvider) null, new AuthThrottle(), ports, new NioRelayTransport());
    }

    /** Dev mode with a certificate loaded: each relay port takes TLS and plain connections. */
    static TestRelay devWithCertificate(Path dir) throws IOException {
        TlsPolicy.RelayTls either = TlsPolicy.RelayTls.either(serverContext(SslProvider.OPENSSL));
        return new TestRelay(dir, () -> either, true, new AuthThrottle(), new LoopbackPorts(),
                new NioRelayTransport());
    }

    private static TlsPolicy requiredTls(SslContext context) {
        TlsPolicy.RelayTls required = TlsPolicy.RelayTls.required(context);
        return () -> required;
    }

    static TestRelay withThrottle(Path dir, AuthThrottle throttle) throws IOException {
        return new TestRelay(dir, null, throttle);
    }

    /** A connection to a relay port as the agent or a public client opens it (TLS when the relay requires TLS). */
    Socket connect(int port) throws IOException {
        if (!tls) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            return socket;
        }
        return connectTls(port);
    }

    /** A TLS connection to a relay port, handshake done, trusting the test certificate only. */
    static Socket connectTls(int port) throws IOException {
        SSLSocket socket = (SSLSocket) clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        return socket;
    }

    @Override
    public void close() {
        registry.closeAll();
        engine.shutdown();
    }

    static SslContext serverContext(SslProvider engine) {
        try {
            return SslContextBuilder.forServer(resource("test-cert.pem"), resource("test-key.pem"))
                    .sslProvider(engine).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the test certificate only, as the agent trusts only the certificate the Controller gave it. */
    static SSLContext clientContext() {
        try (InputStream in = TestRelay.class.getResourceAsStream("/test-cert.pem")) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("connector", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static File resource(String name) {
        try {
            return new File(TestRelay.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
