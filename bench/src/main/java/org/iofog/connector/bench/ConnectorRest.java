package org.iofog.connector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connector's REST API (docs/protocol.md §2) as the Controller calls it: form-encoded POSTs, JSON answers, on
 * 127.0.0.1 only. Plain HTTP in dev mode, HTTPS trusting the connector's certificate otherwise.
 */
final class ConnectorRest {

    /** A mapping as {@code mapping/add} answers it. */
    record Mapping(String id, int port1, int port2, String passcode1, String passcode2) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final SSLContext tls;
    private final HttpClient client;

    private ConnectorRest(URI api, SSLContext tls) {
        this.api = api;
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        this.client = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** Dev mode: plain HTTP on {@code port} of 127.0.0.1. */
    static ConnectorRest plain(int port) {
        return new ConnectorRest(URI.create("http://127.0.0.1:" + port + "/api/v2/"), null);
    }

    /** Production mode: HTTPS on {@code port} of 127.0.0.1, trusting what {@code tls} trusts. */
    static ConnectorRest tls(int port, SSLContext tls) {
        return new ConnectorRest(URI.create("https://127.0.0.1:" + port + "/api/v2/"), tls);
    }

    /** Another client of the same API: concurrent load uses one each, as separate Controllers would. */
    ConnectorRest newClient() {
        return new ConnectorRest(api, tls);
    }

    URI api() {
        return api;
    }

    /** {@code status} of all mappings; fails unless the connector says it is running. */
    JsonNode status() throws IOException, InterruptedException {
        JsonNode answer = post("status", "mappingid=all");
        if (!"running".equals(answer.path("status").asText())) {
            throw new IOException("status answered " + answer);
        }
        return answer;
    }

    /** A public pipe as the Controller asks for it, with {@code maxConnections} agent connections. */
    Mapping addPublic(int maxConnections) throws IOException, InterruptedException {
        return add("{\"type\":\"public\",\"maxconnections\":" + maxConnections
                + ",\"heartbeatabsencethreshold\":200000}");
    }

    /** A private pipe with {@code maxConnections} agent connections on each side. */
    Mapping addPrivate(int maxConnections) throws IOException, InterruptedException {
        return add("{\"type\":\"private\",\"maxconnectionsport1\":" + maxConnections + ",\"maxconnectionsport2\":"
                + maxConnections + ",\"heartbeatabsencethresholdport1\":200000,"
                + "\"heartbeatabsencethresholdport2\":200000}");
    }

    void remove(String id) throws IOException, InterruptedException {
        JsonNode answer = post("mapping/remove", "mappingid=" + id);
        if (!"ok".equals(answer.path("status").asText())) {
            throw new IOException("mapping/remove of " + id + " answered " + answer);
        }
    }

    private Mapping add(String mapping) throws IOException, InterruptedException {
        JsonNode answer = post("mapping/add", "mapping=" + URLEncoder.encode(mapping, StandardCharsets.UTF_8));
        if (!"ok".equals(answer.path("status").asText())) {
            throw new IOException("mapping/add answered " + answer);
        }
        return new Mapping(answer.get("id").asText(), answer.get("port1").asInt(), answer.get("port2").asInt(),
                answer.get("passcode1").asText(), answer.path("passcode2").asText());
    }

    private JsonNode post(String endpoint, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.resolve(endpoint))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 507) {
            throw new IOException("the connector ran out of ports (507): " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(endpoint + " answered HTTP " + response.statusCode() + " with no JSON: "
                    + response.body(), e);
        }
    }
}
