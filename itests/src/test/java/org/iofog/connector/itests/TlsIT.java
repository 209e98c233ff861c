package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Map;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * TLS in the distribution: the OpenSSL engine inside Karaf, relay ports and the REST API serving the
 * certificate on disk to clients that trust only it, replaced files picked up without dropping
 * connections, and the dev-mode switch moving a working pipe between TLS and plain text on the same
 * ports and the REST API between HTTPS and HTTP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TlsIT {

    private static final String CONNECTOR_PID = "org.iofog.connector";
    private static final String TLS_PID = "org.iofog.connector.tls";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";
    private static final String ANSWER = "HTTP/1.0 200 OK";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private MappingRegistry registry;

    @Inject
    private TlsContextProvider tls;

    @Inject
    private ConnectorSettingsProvider connectorSettings;

    private Configs configs;
    private Dictionary<String, Object> savedConnector;
    private Dictionary<String, Object> savedTls;

    @Configuration
    public Option[] configuration() {
        return KarafOptions.karaf(KarafOptions.tarballUrl(), "iofog-connector-tls");
    }

    /** Production mode with a generated self-signed pair, as `self.signed.generate = true` gives an operator. */
    @Before
    public void tlsOn() throws Exception {
        configs = new Configs(configurationAdmin);
        savedConnector = configs.properties(CONNECTOR_PID);
        savedTls = configs.properties(TLS_PID);
        configs.update(TLS_PID, Map.of("self.signed.generate", "true"));
        configs.update(CONNECTOR_PID, Map.of("dev", "false"));
        Poll.until("a certificate to be loaded", WAIT, () -> tls.certificate().isPresent(), Boolean::booleanValue);
        Poll.until("dev mode off", WAIT, () -> connectorSettings.current().dev(), dev -> !dev);
        // The relay follows the settings through its own reference, a moment later on a busy machine: wait
        // until its new connections speak TLS, so that no test meets a plain-TCP relay port.
        SSLContext trusting = TlsAgents.trusting(onDisk(tls.certificate().orElseThrow().certFile()));
        Mapping probe = registry.addPublic(new PublicPipeSpec(1, 0));
        try {
            Poll.until("the relay to speak TLS", WAIT, () -> served(trusting, probe.port1()), cert -> cert != null);
        } finally {
            registry.remove(probe.id());
        }
    }

    @After
    public void restore() throws IOException {
        configs.restore(CONNECTOR_PID, savedConnector);
        configs.restore(TLS_PID, savedTls);
    }

    @Test
    public void theOpenSslEngineRunsInsideKaraf() {
        assertEquals("OpenSSL", tls.engine());
        assertTrue(KarafLog.text().contains("TLS engine: OpenSSL (BoringSSL"));
    }

    @Test
    public void relayPortsServeTheCertificateOnDiskAndFollowReplacedFiles() throws Exception {
        CertificateInfo generated = tls.certificate().orElseThrow();
        X509Certificate first = onDisk(generated.certFile());
        Mapping mapping = registry.addPublic(new PublicPipeSpec(2, 200_000));
        try (Socket agent = TlsAgents.authenticate(TlsAgents.trusting(first), mapping.port1(),
                mapping.passcodePort1());
             SSLSocket client = TlsAgents.connect(TlsAgents.trusting(first), mapping.port2())) {
            assertEquals(first, TlsAgents.serverCertificate(client));
            relayOnce(client, agent);

            replaceFiles(generated.certFile(), generated.keyFile());
            X509Certificate second = TlsAgents.certificates(resource("replacement-cert.pem"))[0];
            SSLContext trustingBoth = TlsAgents.trusting(first, second);
            Poll.until("new handshakes to see the replacement", WAIT, () -> served(trustingBoth, mapping.port2()),
                    second::equals);
            try (Socket newAgent = TlsAgents.authenticate(TlsAgents.trusting(second), mapping.port1(),
                    mapping.passcodePort1())) {
                Agents.send(newAgent, "BEAT");
                assertEquals("BEAT", Agents.read(newAgent, 4));
            }
            assertEquals("connections opened before keep relaying", first, TlsAgents.serverCertificate(client));
            relayOnce(client, agent);
        } finally {
            registry.remove(mapping.id());
        }
    }

    @Test
    public void theRestApiServesHttpsWithTheCertificateOnDiskAndFollowsReplacedFiles() throws Exception {
        CertificateInfo generated = tls.certificate().orElseThrow();
        X509Certificate first = onDisk(generated.certFile());
        SSLContext trustingFirst = TlsAgents.trusting(first);
        try (SSLSocket before = Poll.until("HTTPS on " + KarafOptions.HTTPS_PORT, WAIT,
                () -> httpsConnection(trustingFirst), s -> s != null)) {
            assertEquals(first, TlsAgents.serverCertificate(before));
            assertEquals("running", Http.post(before, "status", "mappingid=all").text("status"));
            assertFalse("no plain HTTP when dev = false", Agents.listening(KarafOptions.HTTP_PORT));

            replaceFiles(generated.certFile(), generated.keyFile());
            X509Certificate second = TlsAgents.certificates(resource("replacement-cert.pem"))[0];
            SSLContext trustingBoth = TlsAgents.trusting(first, second);
            Poll.until("new REST handshakes to see the replacement", WAIT,
                    () -> served(trustingBoth, KarafOptions.HTTPS_PORT), second::equals);
            assertEquals("a connection opened before keeps answering", "running",
                    Http.post(before, "status", "mappingid=all").text("status"));
        }
    }

    @Test
    public void devModeSwitchMovesTheRestApiBetweenHttpsAndHttp() throws Exception {
        SSLContext trusting = TlsAgents.trusting(onDisk(tls.certificate().orElseThrow().certFile()));
        Poll.until("HTTPS on " + KarafOptions.HTTPS_PORT, WAIT, () -> httpsConnection(trusting), s -> s != null)
                .close();

        configs.update(CONNECTOR_PID, Map.of("dev", "true"));
        Poll.until("plain HTTP on " + KarafOptions.HTTP_PORT, WAIT, () -> httpStatus(), "running"::equals);
        assertFalse("HTTPS closed in dev mode", Agents.listening(KarafOptions.HTTPS_PORT));

        configs.update(CONNECTOR_PID, Map.of("dev", "false"));
        try (SSLSocket again = Poll.until("HTTPS again", WAIT, () -> httpsConnection(trusting), s -> s != null)) {
            assertEquals("running", Http.post(again, "status", "mappingid=all").text("status"));
        }
        assertFalse("plain HTTP closed again", Agents.listening(KarafOptions.HTTP_PORT));
    }

    @Test
    public void devModeSwitchMovesAWorkingPipeBetweenTlsAndPlainOnTheSamePorts() throws Exception {
        SSLContext trusting = TlsAgents.trusting(onDisk(tls.certificate().orElseThrow().certFile()));
        Mapping mapping = registry.addPublic(new PublicPipeSpec(3, 200_000));
        try {
            try (Socket tlsAgent = TlsAgents.authenticate(trusting, mapping.port1(), mapping.passcodePort1());
                 Socket tlsClient = TlsAgents.connect(trusting, mapping.port2())) {
                relayOnce(tlsClient, tlsAgent);

                configs.update(CONNECTOR_PID, Map.of("dev", "true"));
                Socket plainAgent = Poll.until("plain-text agents to be accepted", WAIT,
                        () -> plainAgent(mapping), socket -> socket != null);
                try (plainAgent) {
                    relayOnce(tlsClient, tlsAgent);
                    // The real agent can only dial TLS: in dev mode with a certificate it still gets in.
                    try (Socket anotherTlsAgent = TlsAgents.authenticate(trusting, mapping.port1(),
                            mapping.passcodePort1())) {
                        assertTrue(anotherTlsAgent.isConnected());
                    }
                    tlsClient.close();
                    try (Socket plainClient = Agents.connect(mapping.port2())) {
                        relayOnce(plainClient, plainAgent);
                    }
                }
            }
            assertEquals("same ports and passcodes", mapping, registry.status(mapping.id()).orElseThrow().mapping());

            configs.update(CONNECTOR_PID, Map.of("dev", "false"));
            Poll.until("TLS again on the same port", WAIT, () -> tlsAgent(trusting, mapping), s -> s != null).close();
        } finally {
            registry.remove(mapping.id());
        }
    }

    // ---- helpers ----

    private static void relayOnce(Socket client, Socket agent) throws IOException {
        Agents.send(client, REQUEST);
        assertEquals(REQUEST, Agents.read(agent, REQUEST.length()));
        Agents.send(agent, ANSWER);
        assertEquals(ANSWER, Agents.read(client, ANSWER.length()));
    }

    /** Moves the replacement pair over the files in use, key first, each in one atomic step. */
    private void replaceFiles(Path certFile, Path keyFile) throws IOException {
        for (var file : Map.of(keyFile, "replacement-key.pem", certFile, "replacement-cert.pem").entrySet()) {
            Path staged = Files.createTempFile(file.getKey().getParent(), "staged", ".pem");
            try (InputStream in = resource(file.getValue())) {
                Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(staged, file.getKey(), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static X509Certificate onDisk(Path certFile) throws Exception {
        return TlsAgents.certificates(Files.newInputStream(certFile))[0];
    }

    private InputStream resource(String name) {
        InputStream in = getClass().getResourceAsStream("/tls/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource /tls/" + name + " missing from the probe");
        }
        return in;
    }

    private static X509Certificate served(SSLContext client, int port) {
        try (SSLSocket socket = TlsAgents.connect(client, port)) {
            return TlsAgents.serverCertificate(socket);
        } catch (IOException e) {
            return null;
        }
    }

    private static SSLSocket httpsConnection(SSLContext trusting) {
        try {
            return TlsAgents.connect(trusting, KarafOptions.HTTPS_PORT);
        } catch (IOException e) {
            return null;
        }
    }

    private static String httpStatus() {
        try {
            return Http.post(KarafOptions.HTTP_PORT, "status", "mappingid=all").text("status");
        } catch (IOException | AssertionError e) {
            return null;
        }
    }

    private static Socket plainAgent(Mapping mapping) {
        try {
            return Agents.authenticate(mapping.port1(), mapping.passcodePort1());
        } catch (IOException | AssertionError e) {
            return null;
        }
    }

    private static Socket tlsAgent(SSLContext trusting, Mapping mapping) {
        try {
            return TlsAgents.authenticate(trusting, mapping.port1(), mapping.passcodePort1());
        } catch (IOException | AssertionError e) {
            return null;
        }
    }
}
