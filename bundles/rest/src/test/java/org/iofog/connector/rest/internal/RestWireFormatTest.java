package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.iofog.connector.api.settings.RestSettings;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The exact bytes of every kind of answer, head and body: status line, headers in their order, JSON fields in
 * the order the old daemon wrote them, error texts. {@link RestApiTest} checks fields by name and type; this
 * test pins what a client that compares text (or a field's position) sees, so that a change of how answers are
 * built cannot change what goes on the wire. Only the timestamp's digits and the random ids, ports and
 * passcodes vary; they are taken from the answer itself.
 */
public class RestWireFormatTest {

    private static final String FORM = RestApiTest.FORM;
    /** Every answer's timestamp is replaced by this (13 digits, like the real one, so lengths are kept). */
    private static final String T = "1234567890123";
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)}$");
    private static final String NOT_A_MAPPING_ID = "3f1c2d4e-0000-4000-8000-000000000000";
    private static final String CERTIFICATE =
            "-----BEGIN CERTIFICATE-----\nMIIB+zCCAaGgAwIBAgIU/a&b=c%20d \"q\" \\ \u00e9\n-----END CERTIFICATE-----\n";
    private static final String CERTIFICATE_JSON =
            "-----BEGIN CERTIFICATE-----\\nMIIB+zCCAaGgAwIBAgIU/a&b=c%20d \\\"q\\\" \\\\ \u00e9\\n-----END CERTIFICATE-----\\n";
    private static final String HELP_JSON = "Usage: iofog-connector <command>\\n\\nCommands:\\n"
            + "  start                      start the connector\\n"
            + "  stop                       stop the connector\\n"
            + "  status                     show whether the connector runs, and its mappings and ports\\n"
            + "  version, -v, --version     show the version\\n"
            + "  help, -h, -?, --help       show this text";

    @Rule
    public final RestFixture rest = new RestFixture();

    @Rule
    public Timeout timeout = Timeout.seconds(60);

    // ---- answers --------------------------------------------------------------------------------------------

    @Test
    public void mappingAddPublic() throws Exception {
        String answer = post("mapping/add", RestApiTest.form("mapping", RestApiTest.PUBLIC));
        JsonNode added = body(answer);
        assertJson(answer, 200, "{\"status\":\"ok\",\"id\":\"" + added.get("id").asText() + "\",\"port1\":"
                + added.get("port1").asInt() + ",\"port2\":" + added.get("port2").asInt() + ",\"passcode1\":\""
                + added.get("passcode1").asText() + "\",\"passcode2\":\"\",\"timestamp\":" + T + "}");
    }

    @Test
    public void mappingAddPrivate() throws Exception {
        String answer = post("mapping/add", RestApiTest.form("mapping", RestApiTest.PRIVATE));
        JsonNode added = body(answer);
        assertJson(answer, 200, "{\"status\":\"ok\",\"id\":\"" + added.get("id").asText() + "\",\"port1\":"
                + added.get("port1").asInt() + ",\"port2\":" + added.get("port2").asInt() + ",\"passcode1\":\""
                + added.get("passcode1").asText() + "\",\"passcode2\":\"" + added.get("passcode2").asText()
                + "\",\"timestamp\":" + T + "}");
    }

    @Test
    public void mappingRemove() throws Exception {
        String id = add(RestApiTest.PUBLIC);
        assertRemoved(post("mapping/remove", "mappingid=" + id), id);
    }

    @Test
    public void statusAll() throws Exception {
        add(RestApiTest.PUBLIC);
        post("direct/add", "");
        int free = rest.relay.ports().usage().free();
        assertJson(post("status", "mappingid=all"), 200, "{\"id\":\"all\",\"status\":\"running\",\"mappings\":1,"
                + "\"version\":\"" + RestFixture.VERSION + "\",\"availablePorts\":" + free + ",\"timestamp\":" + T
                + "}");
    }

    @Test
    public void statusOfAPublicMapping() throws Exception {
        JsonNode added = body(post("mapping/add", RestApiTest.form("mapping", RestApiTest.PUBLIC)));
        String id = added.get("id").asText();
        assertJson(post("status", "mappingid=" + id), 200, "{\"id\":\"" + id + "\",\"public\":\"Active\","
                + "\"private\":\"Active\",\"type\":\"public\",\"port1\":" + added.get("port1").asInt() + ",\"port2\":"
                + added.get("port2").asInt() + ",\"connectionsport1\":0,\"connectionsport2\":0,"
                + "\"bytesport1toport2\":0,\"bytesport2toport1\":0,\"timestamp\":" + T + "}");
    }

    @Test
    public void statusOfAPrivateMapping() throws Exception {
        JsonNode added = body(post("mapping/add", RestApiTest.form("mapping", RestApiTest.PRIVATE)));
        String id = added.get("id").asText();
        assertJson(post("status", "mappingid=" + id), 200, "{\"id\":\"" + id + "\",\"private1\":\"Active\","
                + "\"private2\":\"Active\",\"type\":\"private\",\"port1\":" + added.get("port1").asInt() + ",\"port2\":"
                + added.get("port2").asInt() + ",\"connectionsport1\":0,\"connectionsport2\":0,"
                + "\"bytesport1toport2\":0,\"bytesport2toport1\":0,\"timestamp\":" + T + "}");
    }

    @Test
    public void statusOfADirectEntryIdleThenWaiting() throws Exception {
        JsonNode entry = body(post("direct/add", ""));
        String id = entry.get("id").asText();
        assertJson(post("status", "mappingid=" + id), 200,
                "{\"id\":\"" + id + "\",\"direct\":\"Idle\",\"type\":\"direct\",\"timestamp\":" + T + "}");
        post("direct", RestApiTest.form("id", id, "passkey", entry.get("passkey").asText(), "port", "5001", "ip",
                "10.0.0.5", "certificate", CERTIFICATE));
        assertJson(post("status", "mappingid=" + id), 200,
                "{\"id\":\"" + id + "\",\"direct\":\"Waiting\",\"type\":\"direct\",\"timestamp\":" + T + "}");
    }

    @Test
    public void commandlineAnswers() throws Exception {
        add(RestApiTest.PRIVATE);
        int free = rest.relay.ports().usage().free();
        assertJson(post("commandline", "command=status"), 200, "{\"response\":\"ioFog Connector "
                + RestFixture.VERSION + " is running: 1 mapping, " + free + " ports available, dev mode (no TLS)\","
                + "\"timestamp\":" + T + "}");
        assertJson(post("commandline", "command=--VERSION"), 200, "{\"response\":\"ioFog Connector "
                + RestFixture.VERSION + "\\nApache Karaf " + System.getProperty("karaf.version", "(not in Karaf)")
                + ", Java " + Runtime.version() + "\",\"timestamp\":" + T + "}");
        assertJson(post("commandline", "command=help"), 200, "{\"response\":\"" + HELP_JSON + "\",\"timestamp\":"
                + T + "}");
        assertJson(post("commandline", "command=frobnicate"), 200, "{\"response\":\"" + HELP_JSON
                + "\",\"timestamp\":" + T + "}");
    }

    @Test
    public void commandlineStop() throws Exception {
        assertJson(post("commandline", "command=stop"), 200,
                "{\"response\":\"Stopping the ioFog Connector\",\"timestamp\":" + T + "}");
    }

    @Test
    public void directAddThenTwoCallersThenRemove() throws Exception {
        JsonNode entry = body(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();
        String added = post("direct/add", "");
        JsonNode other = body(added);
        assertJson(added, 200, "{\"status\":\"ok\",\"id\":\"" + other.get("id").asText() + "\",\"passkey\":\""
                + other.get("passkey").asText() + "\",\"port\":12345,\"timestamp\":" + T + "}");

        assertJson(post("direct", RestApiTest.form("id", id, "passkey", passkey, "port", "5001", "ip", "10.0.0.5",
                "certificate", CERTIFICATE)), 200, "{\"status\":\"wait\",\"id\":\"" + id + "\",\"timestamp\":" + T
                + "}");
        assertJson(post("direct", RestApiTest.form("id", id, "passkey", passkey, "port", "5002", "ip", "10.0.0.6")),
                200, "{\"status\":\"ok\",\"id\":\"" + id + "\",\"ip\":\"10.0.0.5\",\"remoteip\":\"127.0.0.1\","
                        + "\"port\":5001,\"certificate\":\"" + CERTIFICATE_JSON + "\",\"timestamp\":" + T + "}");
        // The second sent no certificate: the first is handed an empty one.
        assertJson(post("direct", RestApiTest.form("id", id, "passkey", passkey, "port", "5001", "ip", "10.0.0.5",
                "certificate", CERTIFICATE)), 200, "{\"status\":\"ok\",\"id\":\"" + id + "\",\"ip\":\"10.0.0.6\","
                + "\"remoteip\":\"127.0.0.1\",\"port\":5002,\"certificate\":\"\",\"timestamp\":" + T + "}");

        assertRemoved(post("direct/remove", "mappingid=" + id), id);
    }

    @Test
    public void metricsText() throws Exception {
        metricsAt("/metrics", "");
        String answer = exchange(RestApiTest.request("GET", "/metrics", null, ""));
        String text = "# HELP iofog_connector_mappings Mappings open now, by type\n"
                + "# TYPE iofog_connector_mappings gauge\n"
                + "iofog_connector_mappings{type=\"public\"} 0\n"
                + "iofog_connector_mappings{type=\"private\"} 0\n"
                + "iofog_connector_mappings{type=\"direct\"} 0\n"
                + "# HELP iofog_connector_agent_connections Authenticated agent connections open now\n"
                + "# TYPE iofog_connector_agent_connections gauge\n"
                + "iofog_connector_agent_connections 0\n"
                + "# HELP iofog_connector_public_clients Public clients connected now\n"
                + "# TYPE iofog_connector_public_clients gauge\n"
                + "iofog_connector_public_clients 0\n"
                + "# HELP iofog_connector_relayed_bytes Bytes relayed in both directions by the mappings open now\n"
                + "# TYPE iofog_connector_relayed_bytes gauge\n"
                + "iofog_connector_relayed_bytes 0\n"
                + "# HELP iofog_connector_agents_authenticated_total Agent connections answered AUTHORIZED since start\n"
                + "# TYPE iofog_connector_agents_authenticated_total counter\n"
                + "iofog_connector_agents_authenticated_total 0\n"
                + "# HELP iofog_connector_auth_failures_total Agent connections closed for a wrong or missing passcode"
                + " since start\n"
                + "# TYPE iofog_connector_auth_failures_total counter\n"
                + "iofog_connector_auth_failures_total 0\n"
                + "# HELP iofog_connector_heartbeat_timeouts_total Agent connections closed for heartbeat absence since"
                + " start\n"
                + "# TYPE iofog_connector_heartbeat_timeouts_total counter\n"
                + "iofog_connector_heartbeat_timeouts_total 0\n"
                + "# HELP iofog_connector_allocation_failures_total Mapping adds refused for want of free ports since"
                + " start\n"
                + "# TYPE iofog_connector_allocation_failures_total counter\n"
                + "iofog_connector_allocation_failures_total 0\n"
                + "# HELP iofog_connector_agent_bytes_dropped_total Bytes public-pipe agent connections sent while"
                + " serving no client, dropped since start\n"
                + "# TYPE iofog_connector_agent_bytes_dropped_total counter\n"
                + "iofog_connector_agent_bytes_dropped_total 0\n"
                + "# HELP iofog_connector_source_refusals_total Public clients closed at once because their address had"
                + " its limit of waiting clients, since start\n"
                + "# TYPE iofog_connector_source_refusals_total counter\n"
                + "iofog_connector_source_refusals_total 0\n"
                + "# HELP iofog_connector_throttled_authentications_total Wrong passcodes answered late by the"
                + " slow-down since start\n"
                + "# TYPE iofog_connector_throttled_authentications_total counter\n"
                + "iofog_connector_throttled_authentications_total 0\n"
                + "# HELP iofog_connector_group_ready 1 when this member is ready in its connector group or the group"
                + " is off, else 0\n"
                + "# TYPE iofog_connector_group_ready gauge\n"
                + "iofog_connector_group_ready 1\n"
                + "# HELP iofog_connector_group_members Members of the connector group present now, this one included"
                + " (0: off)\n"
                + "# TYPE iofog_connector_group_members gauge\n"
                + "iofog_connector_group_members 0\n"
                + "# HELP iofog_connector_group_mappings Mappings in the connector group's replicated table (0: off)\n"
                + "# TYPE iofog_connector_group_mappings gauge\n"
                + "iofog_connector_group_mappings 0\n";
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain; version=0.0.4; charset=utf-8\r\n"
                + "content-length: " + text.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "connection: keep-alive\r\n\r\n" + text, answer);
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    public void badInputIs400() throws Exception {
        assertError(post("mapping/add", "other=x"), "400 Bad Request", "field \\\"mapping\\\" is missing");
        assertError(post("status", "mappingid=+++"), "400 Bad Request", "field \\\"mappingid\\\" is empty");
        assertError(post("mapping/add", "mapping=%7B"), "400 Bad Request",
                "field \\\"mapping\\\" is not JSON (Unexpected end-of-input: expected close marker for Object"
                        + " (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled);"
                        + " line: 1, column: 1]))");
        assertError(post("mapping/add", RestApiTest.form("mapping", "[1]")), "400 Bad Request",
                "field \\\"mapping\\\" must be a JSON object");
        assertError(post("mapping/add", RestApiTest.form("mapping", "{\"type\":\"secret\"}")), "400 Bad Request",
                "mapping: unknown \\\"type\\\" \\\"secret\\\" (expected \\\"public\\\" or \\\"private\\\")");
        assertError(post("mapping/add", RestApiTest.form("mapping", RestApiTest.PUBLIC.replace("60", "1.5"))),
                "400 Bad Request", "mapping: \\\"maxconnections\\\" must be a whole number, was 1.5");
        assertError(post("mapping/add", "mapping=%ZZ"), "400 Bad Request",
                "the request body is not valid form encoding (invalid hex byte 'ZZ' at index 9 of 'mapping=%ZZ')");
        assertError(post("direct", RestApiTest.form("id", "x", "passkey", "y", "port", "0", "ip", "10.0.0.5")),
                "400 Bad Request", "field \\\"port\\\" must be a port number (1-65535), was \\\"0\\\"");
        byte[] notUtf8 = {'m', 'a', 'p', 'p', 'i', 'n', 'g', '=', (byte) 0xff};
        assertError(exchange(withBody("POST /api/v2/mapping/add", notUtf8)), "400 Bad Request",
                "the request body is not UTF-8 text");
        assertError(exchange(("POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: twelve\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)), "400 Bad Request",
                "malformed HTTP request (Content-Length value is not a number: twelve)", "close");
    }

    @Test
    public void unknownIdsAre404() throws Exception {
        assertError(post("status", "mappingid=" + NOT_A_MAPPING_ID), "404 Not Found",
                "no mapping with id " + NOT_A_MAPPING_ID);
        assertError(post("mapping/remove", "mappingid=" + NOT_A_MAPPING_ID), "404 Not Found",
                "no mapping with id " + NOT_A_MAPPING_ID);
        assertError(post("direct/remove", "mappingid=" + NOT_A_MAPPING_ID), "404 Not Found",
                "no direct entry with id " + NOT_A_MAPPING_ID);
        assertError(post("direct", RestApiTest.form("id", NOT_A_MAPPING_ID, "passkey", "y", "port", "1", "ip", "x")),
                "404 Not Found", "no direct entry with this id and passkey");
    }

    @Test
    public void unknownEndpointsAre404() throws Exception {
        for (String path : new String[] {"/api/v2/nope", "/api/v2/status/", "/", "/metrics"}) {
            assertError(exchange(RestApiTest.request("POST", path + "?a=b", FORM, "mappingid=all")), "404 Not Found",
                    "unknown endpoint " + path);
        }
    }

    @Test
    public void otherMethodsAre405AllowPost() throws Exception {
        assertError(exchange(RestApiTest.request("GET", "/api/v2/status", null, "")), "405 Method Not Allowed",
                "method GET is not allowed; every endpoint takes POST", "keep-alive", "allow: POST\r\n");
        assertError(exchange(RestApiTest.request("BREW", "/api/v2/nope", FORM, "x=y")), "405 Method Not Allowed",
                "method BREW is not allowed; every endpoint takes POST", "keep-alive", "allow: POST\r\n");
        // Off by default: the metrics path is no path at all.
        assertError(exchange(RestApiTest.request("GET", "/metrics", null, "")), "405 Method Not Allowed",
                "method GET is not allowed; every endpoint takes POST", "keep-alive", "allow: POST\r\n");
        metricsAt("/metrics", "");
        // Allow has always said POST, also here.
        assertError(exchange(RestApiTest.request("POST", "/metrics", FORM, "")), "405 Method Not Allowed",
                "method POST is not allowed; the metrics path takes GET", "keep-alive", "allow: POST\r\n");
    }

    @Test
    public void theMetricsPathIsTakenBeforeAnEndpointOfTheSamePath() throws Exception {
        metricsAt("/api/v2/status", "");
        assertError(post("status", "mappingid=all"), "405 Method Not Allowed",
                "method POST is not allowed; the metrics path takes GET", "keep-alive", "allow: POST\r\n");
        String answer = exchange(RestApiTest.request("GET", "/api/v2/status", null, ""));
        assertTrue(answer, answer.startsWith("HTTP/1.1 200 OK\r\ncontent-type: text/plain; version=0.0.4;"));
    }

    @Test
    public void aTokenOrACertificateIsRequiredOnceSet() throws Exception {
        metricsAt("/metrics", "s3cret");
        assertError(post("status", "mappingid=all"), "401 Unauthorized",
                "this connector requires an API token: send \\\"Authorization: Bearer <api.token>\\\"", "keep-alive",
                "www-authenticate: Bearer\r\n");
        assertError(exchange(RestApiTest.request("GET", "/metrics", null, "")), "401 Unauthorized",
                "this connector requires an API token: send \\\"Authorization: Bearer <api.token>\\\"", "keep-alive",
                "www-authenticate: Bearer\r\n");
        metricsAt("/metrics", "");
        rest.clientCertificateRequired = true;
        assertError(post("status", "mappingid=all"), "401 Unauthorized",
                "this connector requires a client certificate issued by one of its trusted issuers", "keep-alive",
                "www-authenticate: Bearer\r\n");
    }

    @Test
    public void otherContentTypesAre415ExceptOnTheMetricsPath() throws Exception {
        assertError(exchange(RestApiTest.request("POST", "/api/v2/status", "application/json", "{}")),
                "415 Unsupported Media Type",
                "content type application/json is not accepted; send application/x-www-form-urlencoded");
        metricsAt("/metrics", "");
        String answer = exchange(RestApiTest.request("GET", "/metrics", "application/json", ""));
        assertTrue(answer, answer.startsWith("HTTP/1.1 200 OK\r\n"));
    }

    @Test
    public void bodiesOverTheLimitAre413AndOddExpectations417() throws Exception {
        rest.rest = new RestSettings("127.0.0.1", 0, 0, "", 1024, Duration.ofSeconds(60), "");
        assertError(exchange(RestApiTest.request("POST", "/api/v2/mapping/add", FORM, "mapping=" + "a".repeat(2000))),
                "413 Request Entity Too Large", "the request body is larger than 1024 bytes (max.body.bytes)", "close");
        assertError(exchange(("POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                        + "\r\nContent-Length: 13\r\nExpect: something-else\r\n\r\n").getBytes(StandardCharsets.US_ASCII)),
                "417 Expectation Failed", "the Expect header asks for something other than 100-continue, which is all"
                        + " this server supports", "close");
    }

    @Test
    public void noPortsIs507() throws Exception {
        rest.relay.limitPorts(1);
        assertError(post("mapping/add", RestApiTest.form("mapping", RestApiTest.PUBLIC)), "507 Insufficient Storage",
                "No enough available ports");
    }

    @Test
    public void connectionCloseIsAnsweredWithClose() throws Exception {
        String answer = normalised(exchange(("POST /api/v2/commandline HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: " + FORM + "\r\nContent-Length: 12\r\n\r\ncommand=stop")
                .getBytes(StandardCharsets.US_ASCII)));
        String body = "{\"response\":\"Stopping the ioFog Connector\",\"timestamp\":" + T + "}";
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + body.length()
                + "\r\nconnection: close\r\n\r\n" + body, answer);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void metricsAt(String path, String token) {
        rest.rest = new RestSettings("127.0.0.1", 0, 0, token, 65_536, Duration.ofSeconds(60), path);
    }

    private String add(String mapping) throws IOException {
        return body(post("mapping/add", RestApiTest.form("mapping", mapping))).get("id").asText();
    }

    private String post(String endpoint, String form) throws IOException {
        return exchange(RestApiTest.request("POST", "/api/v2/" + endpoint, FORM, form));
    }

    private static byte[] withBody(String requestLine, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM + "\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /** One request on a new connection; the whole answer, head as ISO-8859-1 and body as UTF-8. */
    private String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), rest.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the answer ended in its head: " + head);
                }
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            Matcher length = Pattern.compile("\r\ncontent-length: (\\d+)\r\n").matcher(headText.toLowerCase(Locale.ROOT));
            assertTrue("a content-length: " + headText, length.find());
            byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
            return headText + new String(body, StandardCharsets.UTF_8);
        }
    }

    private JsonNode body(String answer) throws IOException {
        return rest.json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    /** The answer with its timestamp's digits replaced by {@link #T}, after checking it has 13 of them. */
    private static String normalised(String answer) {
        Matcher timestamp = TIMESTAMP.matcher(answer);
        assertTrue("a timestamp as the last field: " + answer, timestamp.find());
        assertEquals("13 digits: " + answer, T.length(), timestamp.group(1).length());
        return answer.substring(0, timestamp.start(1)) + T + "}";
    }

    /** A JSON answer, head and body exactly; a null body checks only the head's shape. */
    private static void assertJson(String answer, int code, String body) {
        assertNotNull(answer);
        String actual = normalised(answer);
        if (body == null) {
            assertTrue(actual, actual.startsWith("HTTP/1.1 " + code + " "));
            return;
        }
        assertEquals("HTTP/1.1 " + code + " OK\r\ncontent-type: application/json\r\ncontent-length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nconnection: keep-alive\r\n\r\n" + body, actual);
    }

    /** {@code {"status":"ok","id":…,"timestamp":…}}, in this order (docs/protocol.md §2). */
    private static void assertRemoved(String answer, String id) {
        assertJson(answer, 200, "{\"status\":\"ok\",\"id\":\"" + id + "\",\"timestamp\":" + T + "}");
    }

    private static void assertError(String answer, String status, String jsonMessage) {
        assertError(answer, status, jsonMessage, "keep-alive");
    }

    private static void assertError(String answer, String status, String jsonMessage, String connection) {
        assertError(answer, status, jsonMessage, connection, "");
    }

    /** {@code {"status":"error","errormessage":…,"timestamp":…}} with these exact head and message bytes. */
    private static void assertError(String answer, String status, String jsonMessage, String connection,
                                    String extraHeaders) {
        String body = "{\"status\":\"error\",\"errormessage\":\"" + jsonMessage + "\",\"timestamp\":" + T + "}";
        assertEquals("HTTP/1.1 " + status + "\r\ncontent-type: application/json\r\ncontent-length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n" + extraHeaders + "connection: " + connection
                + "\r\n\r\n" + body, normalised(answer));
    }
}
