package org.iofog.connector.tls.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeNoException;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

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

/**
 * A pair generated the way the Connector does it (self.signed.generate, this host's real names) passes the name
 * check that the agents (Go) and the Controller (Node) make against the Controller's connector.domain, whether that
 * is localhost or this host's name. Every handshake connects to 127.0.0.1 only; the name checked is the one given.
 */
public class GeneratedCertificateNamesTest {

    /** Neither a name of this host nor one the certificate is configured with. */
    private static final String ADDRESS = "connector.iofog.test";
    private static final List<String> SELF_SIGNED_NAMES = List.of("edge.iofog.test", "10.9.8.7");
    private static final String STRANGER = "not-this-host.example";

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path certFile;
    private Path keyFile;
    private TlsContextKeeper keeper;
    private TlsEchoServer server;

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

    private void generate(String address) {
        keeper.configure(new TlsSettings(certFile, keyFile, "", true, "ec-p256", SELF_SIGNED_NAMES, 365, Engine.JDK,
                ClientAuth.NONE, ClientAuth.NONE, null),
                new ConnectorSettings(address, 12345, false, false, Path.of("none.conf"), Path.of("none.json")));
    }

    @Test
    public void aGeneratedCertificateNamesTheAddressThisHostLocalhostAndTheConfiguredNames() throws Exception {
        generate(ADDRESS);
        X509Certificate certificate = TlsClients.certificates(certFile)[0];
        List<String> names = subjectAltNames(certificate);

        assertEquals(ADDRESS, names.get(0));
        assertEquals("CN=" + ADDRESS, certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertTrue(names.toString(), names.contains("localhost"));
        assertTrue(names.toString(), names.contains("127.0.0.1"));
        assertTrue(names.toString(), names.containsAll(SELF_SIGNED_NAMES));
        assertTrue(names + " lacks " + hostName(), names.stream().anyMatch(hostName()::equalsIgnoreCase));
        assertEquals("no duplicates: " + names, names.size(), new HashSet<>(names).size());
        assertEquals(names, keeper.certificate().orElseThrow().subjectAltNames());
    }

    @Test
    public void aWildcardAddressNamesNothingAndTheHostNameBecomesTheSubject() throws Exception {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            folder.delete();
            folder.create();
            generate(wildcard);
            X509Certificate certificate = TlsClients.certificates(certFile)[0];
            List<String> names = subjectAltNames(certificate);

            assertFalse(names.toString(), names.contains("0.0.0.0"));
            assertFalse(names.toString(), names.contains("::"));
            assertTrue(names.toString(), names.contains("localhost"));
            assertEquals("CN=" + names.get(0), certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        }
    }

    @Test
    public void clientsCheckingLocalhostOrTheHostNameAcceptItAndOthersRefuseIt() throws Exception {
        generate(ADDRESS);
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);
        SSLContext trustingOnlyIt = TlsClients.trusting(TlsClients.certificates(certFile), null, null);

        for (String name : List.of("localhost", hostName())) {
            try (SSLSocket socket = TlsClients.connectAs(trustingOnlyIt, server.port(), name)) {
                assertEquals(name, socket.getSession().getPeerHost());
                assertEquals(name, TlsClients.echo(socket, name));
            }
        }
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> TlsClients.connectAs(trustingOnlyIt, server.port(), STRANGER).close());
        assertTrue(String.valueOf(refused.getCause()), refused.getCause() instanceof CertificateException);
        assertTrue(refused.getCause().getMessage(),
                refused.getCause().getMessage().contains("No subject alternative DNS name matching " + STRANGER));
    }

    /** Node's own checkServerIdentity, as the Controller runs it; skipped where node is not installed. */
    @Test
    public void nodeChecksTheNameAsTheControllerDoes() throws Exception {
        String node = onPath("node");
        assumeTrue("node is not on the PATH", node != null);
        generate(ADDRESS);
        server = new TlsEchoServer(keeper, TlsEndpoint.RELAY);

        assertEquals("ok", nodeConnect(node, "localhost"));
        assertEquals("ok", nodeConnect(node, hostName()));
        assertEquals("ERR_TLS_CERT_ALTNAME_INVALID", nodeConnect(node, STRANGER));
    }

    /** Connects to 127.0.0.1 with {@code servername}, trusting only the certificate file; prints ok or the error code. */
    private String nodeConnect(String node, String serverName) throws Exception {
        String script = "const tls = require('tls'); const fs = require('fs');"
                + "const s = tls.connect({host: '127.0.0.1', port: Number(process.env.PORT),"
                + " servername: process.env.NAME, ca: [fs.readFileSync(process.env.CA)]},"
                + " () => { console.log('ok'); s.end(); });"
                + "s.on('error', e => { console.log(e.code || e.message); process.exitCode = 1; });"
                + "s.setTimeout(5000, () => { console.log('timeout'); s.destroy(); });";
        ProcessBuilder builder = new ProcessBuilder(node, "-e", script).redirectErrorStream(true);
        builder.environment().put("PORT", String.valueOf(server.port()));
        builder.environment().put("NAME", serverName);
        builder.environment().put("CA", certFile.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            assumeNoException("this machine has no host name to check", e);
            throw new IllegalStateException(e);
        }
    }

    private static String onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File file = new File(directory, program);
            if (!directory.isEmpty() && file.canExecute()) {
                return file.getPath();
            }
        }
        return null;
    }

    private static List<String> subjectAltNames(X509Certificate certificate) throws Exception {
        List<String> names = new ArrayList<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            assertTrue("only DNS names and IP addresses: " + entry, type == DNS_NAME || type == IP_ADDRESS);
            names.add(type == IP_ADDRESS ? IpLiterals.text(IpLiterals.parse((String) entry.get(1)).orElseThrow())
                    : (String) entry.get(1));
        }
        return names;
    }
}
