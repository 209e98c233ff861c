package org.iofog.connector.tls.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.OpenSsl;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettings.ClientAuth;
import org.iofog.connector.api.settings.TlsSettings.Engine;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * The keeper behind the TLS service, with real handshakes on 127.0.0.1 by clients that trust only the
 * certificate on disk: generation, reload on file changes, rejection of broken files, protocol and
 * cipher limits, client certificates. Runs once per engine.
 */
@RunWith(Parameterized.class)
public class TlsContextKeeperTest {

    @Parameters(name = "{0}")
    public static Collection<Object[]> engines() {
        return List.of(new Object[] {Engine.JDK, "JDK"}, new Object[] {Engine.OPENSSL, "OpenSSL"});
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final Engine engine;
    private final String engineName;
    private Path certFile;
    private Path keyFile;
    private TlsContextKeeper keeper;
    private TlsEchoServer server;

    public TlsContextKeeperTest(Engine engine, String engineName) {
        this.engine = engine;
        this.engineName = engineName;
    }

    @Before
    public void setUp() {
        certFile = folder.getRoot().toPath().resolve("tls/server-cert.pem");
        keyFile = folder.getRoot().toPath().resolve("tls/server-key.pem");
        keeper = new TlsContextKeeper(Clock.systemUTC(), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @After
    public void tearDown() {
        if (server != null) {
            server.close();
        }
        keeper.close();
    }

    private TlsSettings settings(boolean generate, ClientAuth relayAuth, Path clientCa) {
        return new TlsSettings(certFile, keyFile, "", generate, "ec-p256", List.of("localhost"), 365, engine,
                relayAuth, ClientAuth.NONE, clientCa);
    }

    private static ConnectorSettings connector(boolean dev) {
        return new ConnectorSettings("127.0.0.1", 12345, dev, false, Path.of("none.conf"), Path.of("none.json"));
    }

    private SSLContext trustingFilesOnDisk() throws Exception {
        return TlsClients.trusting(TlsClients.certificates(certFile), null, null);
    }

    @Test
    public void theConfiguredEngineRuns() {
        if (engine == Engine.OPENSSL && "amd64".equals(System.getProperty("os.arch"))) {
            assertTrue("netty-tcnative must load on linux-x86_64: " + OpenSsl.unavailabilityCause(),
                    OpenSsl.isAvailable());
        }
        keeper.configure(settings(true, ClientAuth.NONE, null), connector(false));
        assertEquals(engineName, keeper.engine());
    }

    @Test
    public void aGeneratedPairIsServedToAClientTrustingOnlyIt() throws Exception {
        keeper.configure(settings(true, ClientAuth.NONE, null), connector(false));
        assertTrue(Files.exists(certFile) && Files.exists(keyFile));
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);
        try (SSLSocket socket = TlsClients.connect(trustingFilesOnDisk(), server.port())) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals("hello", TlsClients.echo(socket, "hello"));
            assertEquals(TlsClients.certificates(certFile)[0], TlsClients.serverCertificate(socket));
        }
        var info = keeper.certificate().orElseThrow();
        // The address first; this host's names and addresses follow (GeneratedCertificateNamesTest).
        assertEquals("127.0.0.1", info.subjectAltNames().get(0));
        assertTrue(info.subjectAltNames().toString(), info.subjectAltNames().contains("localhost"));
        assertTrue(info.selfSigned());
        assertEquals("EC P-256", info.keyAlgorithm());
        assertFalse(keeper.certificateProblem().isPresent());
    }

    @Test
    public void replacedFilesServeNewHandshakesWhileOpenConnectionsKeepGoing() throws Exception {
        keeper.configure(settings(true, ClientAuth.NONE, null), connector(false));
        X509Certificate first = TlsClients.certificates(certFile)[0];
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);
        try (SSLSocket before = TlsClients.connect(trustingFilesOnDisk(), server.port())) {
            assertEquals("one", TlsClients.echo(before, "one"));

            Path staging = folder.newFolder("staging").toPath();
            CertificatePair replacement = SelfSignedGenerator.generate(KeyType.RSA_2048, List.of("127.0.0.1"),
                    Duration.ofDays(30 + 5), Clock.systemUTC());
            SelfSignedGenerator.write(replacement, staging.resolve("cert.pem"), staging.resolve("key.pem"), false);
            Files.move(staging.resolve("key.pem"), keyFile, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging.resolve("cert.pem"), certFile, StandardCopyOption.REPLACE_EXISTING);
            X509Certificate second = TlsClients.certificates(certFile)[0];
            SSLContext trustingBoth = TlsClients.trusting(new X509Certificate[] {first, second}, null, null);

            await(() -> servedCertificate(trustingBoth).equals(second), "the new certificate to be served");
            assertEquals("RSA 2048", keeper.certificate().orElseThrow().keyAlgorithm());
            try (SSLSocket after = TlsClients.connect(TlsClients.trusting(new X509Certificate[] {second}, null, null),
                    server.port())) {
                assertEquals("three", TlsClients.echo(after, "three"));
            }
            assertEquals(first, TlsClients.serverCertificate(before));
            assertEquals("two, still", TlsClients.echo(before, "two, still"));
        }
    }

    @Test
    public void aBrokenReplacementIsRejectedAndTheLastGoodPairStays() throws Exception {
        keeper.configure(settings(true, ClientAuth.NONE, null), connector(false));
        X509Certificate good = TlsClients.certificates(certFile)[0];
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);

        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        await(() -> keeper.certificateProblem().isPresent(), "the broken key to be noticed");
        assertTrue(keeper.certificateProblem().orElseThrow(), keeper.certificateProblem().orElseThrow().startsWith(keyFile + ": "));
        SSLContext trustingGood = TlsClients.trusting(new X509Certificate[] {good}, null, null);
        assertEquals(good, servedCertificate(trustingGood));

        Files.delete(certFile);
        await(() -> keeper.certificateProblem().orElse("").equals(certFile + ": no such file"), "the missing file to be named");
        assertEquals(good, servedCertificate(trustingGood));
    }

    @Test
    public void generationNeverOverwritesUnlessTold() throws Exception {
        keeper.configure(settings(true, ClientAuth.NONE, null), connector(false));
        byte[] certBefore = Files.readAllBytes(certFile);
        String fingerprint = keeper.certificate().orElseThrow().sha256Fingerprint();

        IOException refused = assertThrows(IOException.class, () -> keeper.generateSelfSigned(false));
        assertEquals(certFile + ": already exists; not overwritten (generate with overwrite to replace the pair)",
                refused.getMessage());
        assertArrayEquals(certBefore, Files.readAllBytes(certFile));

        var replaced = keeper.generateSelfSigned(true);
        assertNotEquals(fingerprint, replaced.sha256Fingerprint());
        assertEquals(replaced, keeper.certificate().orElseThrow());
    }

    @Test
    public void withoutFilesThereIsNoContextAndTheProblemIsNamed() {
        keeper.configure(settings(false, ClientAuth.NONE, null), connector(true));
        assertTrue(keeper.serverContext(TlsEndpoint.RELAY).isEmpty());
        assertEquals(certFile + ": no such file", keeper.certificateProblem().orElseThrow());
        assertFalse(Files.exists(certFile));
    }

    @Test
    public void oldProtocolsAndWeakCiphersAreRefused() throws Exception {
        keeper.configure(settings(true, ClientAuth.NONE, null), connector(false));
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);
        SSLContext client = trustingFilesOnDisk();
        // CBC with a SHA-1 MAC: still offered by the JDK's client, never accepted by ours.
        assertThrows(SSLException.class, () -> TlsClients.connect(client, server.port(),
                new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"}).close());
        try (SSLSocket tls12 = TlsClients.connect(client, server.port(), new String[] {"TLSv1.2"}, null)) {
            assertEquals("TLSv1.2", tls12.getSession().getProtocol());
            assertTrue(tls12.getSession().getCipherSuite(), tls12.getSession().getCipherSuite().contains("_GCM_")
                    || tls12.getSession().getCipherSuite().contains("CHACHA20"));
        }
        var context = keeper.serverContext(TlsEndpoint.RELAY).orElseThrow();
        for (String suite : context.cipherSuites()) {
            assertTrue(suite, ServerContextFactory.CIPHERS.contains(suite));
        }
    }

    @Test
    public void clientCertificatesAreRequiredWhenConfigured() throws Exception {
        Path clients = folder.newFolder("clients").toPath();
        CertificatePair agent = SelfSignedGenerator.generate(KeyType.EC_P256, List.of("agent-1"), Duration.ofDays(2),
                Clock.systemUTC());
        SelfSignedGenerator.write(agent, clients.resolve("agent-cert.pem"), clients.resolve("agent-key.pem"), false);
        keeper.configure(settings(true, ClientAuth.REQUIRE, clients.resolve("agent-cert.pem")), connector(false));
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);
        X509Certificate[] trusted = TlsClients.certificates(certFile);

        try (SSLSocket withCertificate = TlsClients.connect(TlsClients.trusting(trusted, agent.key(), agent.leaf()),
                server.port())) {
            assertEquals("known agent", TlsClients.echo(withCertificate, "known agent"));
        }
        // In TLS 1.3 the server judges the client's certificate after the client's handshake ends,
        // so the refusal shows on the first read.
        assertThrows(IOException.class, () -> {
            try (SSLSocket without = TlsClients.connect(TlsClients.trusting(trusted, null, null), server.port())) {
                TlsClients.echo(without, "anonymous");
            }
        });
    }

    private X509Certificate servedCertificate(SSLContext client) {
        try (SSLSocket socket = TlsClients.connect(client, server.port())) {
            return TlsClients.serverCertificate(socket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
