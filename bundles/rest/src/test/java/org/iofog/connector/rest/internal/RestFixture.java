package org.iofog.connector.rest.internal;

import org.iofog.connector.api.group.GroupStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.relay.embedded.EmbeddedRelay;
import org.iofog.connector.relay.embedded.LoopbackPorts;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * The REST API as the component assembles it, on plain HTTP at 127.0.0.1 (an ephemeral port), in front
 * of a real dev-mode relay, started before each test and closed after it (a JUnit rule). Settings can be
 * changed between requests, as Config Admin would.
 */
final class RestFixture extends ExternalResource {

    static final String VERSION = "9.9.9-test";

    private final TemporaryFolder folder = new TemporaryFolder();
    Relay relay;
    RestServer server;
    final AtomicInteger stops = new AtomicInteger();
    final ObjectMapper json = new ObjectMapper();
    volatile ConnectorSettings connector = new ConnectorSettings("127.0.0.1", 12345, true, false,
            Path.of("none.conf"), Path.of("none.json"));
    volatile RestSettings rest = new RestSettings("127.0.0.1", 0, 0, "", 65_536, Duration.ofSeconds(60), "");
    volatile boolean clientCertificateRequired;
    /** What the connector group says; tests change it. */
    volatile GroupStatus group = GroupStatus.off();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected void before() throws IOException {
        folder.create();
        relay = new Relay(folder.getRoot().toPath());
        Api api = new Api(relay.registry(), relay.ports(), relay.counters(), () -> connector, () -> rest,
                new MappingRequest(json), () -> group,
                VERSION, stops::incrementAndGet);
        server = new RestServer(api, json, new RequestPolicy() {
            @Override
            public String apiToken() {
                return rest.apiToken();
            }

            @Override
            public boolean clientCertificateRequired() {
                return clientCertificateRequired;
            }
        }, () -> rest.maxBodyBytes(), channel -> Optional.empty());
        if (!server.listen(new RestServer.Listening("127.0.0.1", 0, false))) {
            throw new IOException("the REST server did not start");
        }
    }

    int port() {
        return server.address().orElseThrow().getPort();
    }

    /** POSTs a form-encoded body, as the Controller does. */
    HttpResponse<String> post(String endpoint, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(endpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String endpoint) {
        return URI.create("http://127.0.0.1:" + port() + "/api/v2/" + endpoint);
    }

    JsonNode parse(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    @Override
    protected void after() {
        server.close();
        relay.close();
        folder.delete();
    }

    /**
     * A real relay on 127.0.0.1 in dev mode, built through the relay bundle's embedding package, with short
     * timeouts and ports the kernel says are free.
     */
    static final class Relay implements AutoCloseable {

        private final LoopbackPorts ports = new LoopbackPorts();
        private final EmbeddedRelay relay;

        Relay(Path dir) throws IOException {
            relay = EmbeddedRelay.builder().mappingsFile(dir.resolve("configs.json")).ports(ports)
                    .transport(new NioRelayTransport()).ioThreads(2).splice(true)
                    .authTimeout(Duration.ofMillis(1200)).publicClientWait(Duration.ofMillis(800))
                    .privateHoldBytes(256 * 1024).build();
        }

        MappingRegistry registry() {
            return relay.registry();
        }

        RelayCountersProvider counters() {
            return relay.counters();
        }

        PortAllocator ports() {
            return ports;
        }

        /** Lets only this many ports be handed out in total, to provoke "No enough available ports". */
        void limitPorts(int limit) {
            ports.limit(limit);
        }

        /** A plain connection to a relay port, as an agent or a public client opens it in dev mode. */
        Socket connect(int port) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public void close() {
            relay.close();
        }
    }
}
