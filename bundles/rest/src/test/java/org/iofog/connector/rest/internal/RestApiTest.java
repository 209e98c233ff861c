package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.settings.RestSettings;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Every endpoint and every error status of the REST API v2 (docs/protocol.md §2), over real HTTP on 127.0.0.1.
 * Each answer is parsed as JSON and each field's JSON type and value is checked, because the Controller
 * reads the fields by name and a number sent as text (or the reverse) breaks it as surely as a wrong value.
 */
public class RestApiTest {

    /** The Controller's exact request for a public pipe. */
    static final String PUBLIC =
            "{\"type\":\"public\",\"maxconnections\":60,\"heartbeatabsencethreshold\":200000}";
    /** The Controller's exact request for a private pipe. */
    static final String PRIVATE = "{\"type\":\"private\",\"maxconnectionsport1\":1,\"maxconnectionsport2\":1,"
            + "\"heartbeatabsencethresholdport1\":200000,\"heartbeatabsencethresholdport2\":200000}";

    static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final String CERTIFICATE_A =
            "-----BEGIN CERTIFICATE-----\nMIIB+zCCAaGgAwIBAgIU/a&b=c%20d\n-----END CERTIFICATE-----";
    private static final String CERTIFICATE_B = "-----BEGIN CERTIFICATE-----\nQUJD+/==\n-----END CERTIFICATE-----";
    private static final String NOT_A_MAPPING_ID = "3f1c2d4e-0000-4000-8000-000000000000";

    @Rule
    public final RestFixture rest = new RestFixture();

    /** A hung request fails its test instead of blocking the build. */
    @Rule
    public Timeout timeout = Timeout.seconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // ---- mapping/add ----------------------------------------------------------------------------------------

    @Test
    public void mappingAddTakesTheControllersPublicRequest() throws Exception {
        Answer answer = post("mapping/add", form("mapping", PUBLIC));

        JsonNode body = ok(answer);
        assertFields(body, "status", "id", "port1", "port2", "passcode1", "passcode2", "timestamp");
        assertText(body, "status", "ok");
        String id = uuid(body, "id");
        int port1 = port(body, "port1");
        int port2 = port(body, "port2");
        assertNotEquals("two different ports", port1, port2);
        String passcode1 = uuid(body, "passcode1");
        assertText(body, "passcode2", "");
        assertTimestamp(answer);

        // What the API answered is what the relay now serves.
        Mapping mapping = registered(id);
        assertEquals(MappingType.PUBLIC, mapping.type());
        assertEquals(port1, mapping.port1());
        assertEquals(port2, mapping.port2());
        assertEquals(passcode1, mapping.passcodePort1());
        assertEquals(60, mapping.maxConnectionsPort1());
        assertEquals(200_000, mapping.heartbeatAbsenceThresholdPort1());
    }

    @Test
    public void mappingAddTakesTheControllersPrivateRequest() throws Exception {
        Answer answer = post("mapping/add", form("mapping", PRIVATE));

        JsonNode body = ok(answer);
        assertFields(body, "status", "id", "port1", "port2", "passcode1", "passcode2", "timestamp");
        assertText(body, "status", "ok");
        String id = uuid(body, "id");
        int port1 = port(body, "port1");
        int port2 = port(body, "port2");
        assertNotEquals(port1, port2);
        String passcode1 = uuid(body, "passcode1");
        String passcode2 = uuid(body, "passcode2");
        assertNotEquals("each side has its own passcode", passcode1, passcode2);
        assertTimestamp(answer);

        Mapping mapping = registered(id);
        assertEquals(MappingType.PRIVATE, mapping.type());
        assertEquals(port1, mapping.port1());
        assertEquals(port2, mapping.port2());
        assertEquals(passcode1, mapping.passcodePort1());
        assertEquals(passcode2, mapping.passcodePort2());
        assertEquals(1, mapping.maxConnectionsPort1());
        assertEquals(1, mapping.maxConnectionsPort2());
        assertEquals(200_000, mapping.heartbeatAbsenceThresholdPort2());
    }

    @Test
    public void mappingAddTakesAThresholdAsLargeAsALong() throws Exception {
        // A non-negative JSON integer is valid by the contract; the relay must cope with "practically never".
        String huge = "{\"type\":\"public\",\"maxconnections\":2147483647,\"heartbeatabsencethreshold\":"
                + Long.MAX_VALUE + "}";
        JsonNode body = ok(post("mapping/add", form("mapping", huge)));
        assertText(body, "status", "ok");
        assertEquals(Long.MAX_VALUE, registered(uuid(body, "id")).heartbeatAbsenceThresholdPort1());
    }

    // ---- mapping/remove -------------------------------------------------------------------------------------

    @Test
    public void mappingRemoveClosesTheMapping() throws Exception {
        String id = addMapping(PUBLIC);

        Answer answer = post("mapping/remove", form("mappingid", id));

        JsonNode body = ok(answer);
        assertFields(body, "status", "id", "timestamp");
        assertText(body, "status", "ok");
        assertText(body, "id", id);
        assertTimestamp(answer);
        assertTrue("gone from the registry", rest.relay.registry().statuses().isEmpty());
        assertError(post("status", form("mappingid", id)), 404, id);
    }

    @Test
    public void mappingRemoveOfAnUnknownIdIs404() throws Exception {
        assertError(post("mapping/remove", form("mappingid", NOT_A_MAPPING_ID)), 404, NOT_A_MAPPING_ID);
    }

    @Test
    public void mappingRemoveOfADirectEntryIs404() throws Exception {
        // Direct entries are removed through direct/remove; mapping/remove must not reach them.
        String id = ok(post("direct/add", "")).get("id").asText();
        assertError(post("mapping/remove", form("mappingid", id)), 404, id);
        assertTrue(rest.relay.registry().status(id).isPresent());
    }

    // ---- status ---------------------------------------------------------------------------------------------

    @Test
    public void statusAllCountsPortMappingsButNotDirectEntries() throws Exception {
        addMapping(PUBLIC);
        addMapping(PRIVATE);
        ok(post("direct/add", ""));

        Answer answer = post("status", form("mappingid", "all"));

        JsonNode body = ok(answer);
        assertHasFields(body, "id", "status", "mappings", "version", "availablePorts", "timestamp");
        assertText(body, "id", "all");
        assertText(body, "status", "running");
        assertNumber(body, "mappings", 2);
        assertText(body, "version", RestFixture.VERSION);
        assertNumber(body, "availablePorts", rest.relay.ports().usage().free());
        assertTimestamp(answer);
        assertEquals("the direct entry is in the registry", 3, rest.relay.registry().statuses().size());
    }

    @Test
    public void statusOfAPublicMappingNamesItsTwoSides() throws Exception {
        JsonNode added = ok(post("mapping/add", form("mapping", PUBLIC)));
        String id = added.get("id").asText();

        Answer answer = post("status", form("mappingid", id));

        JsonNode body = ok(answer);
        assertHasFields(body, "id", "public", "private", "timestamp");
        assertText(body, "id", id);
        assertText(body, "public", "Active");
        assertText(body, "private", "Active");
        assertFalse("a public mapping has no private1", body.has("private1"));
        assertTimestamp(answer);
        // Ours, after the Controller's fields.
        assertText(body, "type", "public");
        assertNumber(body, "port1", added.get("port1").asLong());
        assertNumber(body, "port2", added.get("port2").asLong());
        assertNumber(body, "connectionsport1", 0);
    }

    @Test
    public void statusOfAPrivateMappingNamesItsTwoSides() throws Exception {
        String id = addMapping(PRIVATE);

        Answer answer = post("status", form("mappingid", id));

        JsonNode body = ok(answer);
        assertHasFields(body, "id", "private1", "private2", "timestamp");
        assertText(body, "id", id);
        assertText(body, "private1", "Active");
        assertText(body, "private2", "Active");
        assertFalse("a private mapping has no public", body.has("public"));
        assertText(body, "type", "private");
        assertTimestamp(answer);
    }

    @Test
    public void statusOfAnUnknownIdIs404() throws Exception {
        assertError(post("status", form("mappingid", NOT_A_MAPPING_ID)), 404, NOT_A_MAPPING_ID);
    }

    // ---- commandline ----------------------------------------------------------------------------------------

    @Test
    public void commandlineStatusSaysTheConnectorRuns() throws Exception {
        addMapping(PUBLIC);
        Answer answer = post("commandline", form("command", "status", "params", "-a b"));
        String text = commandAnswer(answer);
        assertTrue(text, text.contains("running"));
        assertTrue("counts the mapping: " + text, text.contains("1 mapping"));
    }

    @Test
    public void commandlineVersionNamesTheVersion() throws Exception {
        String text = commandAnswer(post("commandline", form("command", "version")));
        assertTrue(text, text.contains(RestFixture.VERSION));
    }

    @Test
    public void commandlineHelpIsTheUsageText() throws Exception {
        String text = commandAnswer(post("commandline", form("command", "help")));
        assertTrue(text, text.contains("Usage"));
    }

    @Test
    public void anUnknownCommandAnswersTheHelpText() throws Exception {
        String help = commandAnswer(post("commandline", form("command", "help")));
        assertEquals(help, commandAnswer(post("commandline", form("command", "frobnicate"))));
    }

    @Test
    public void stopFromLoopbackIsAnsweredThenStopsTheConnector() throws Exception {
        String text = commandAnswer(post("commandline", form("command", "stop")));
        assertFalse(text.isEmpty());
        // The stop runs once the answer is on the wire, i.e. just after the client has it.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rest.stops.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, rest.stops.get());
    }

    @Test
    public void stopFromAnotherMachineIs403() throws Exception {
        // A non-loopback caller cannot be produced over loopback; ask the command line directly (no traffic).
        AtomicInteger stops = new AtomicInteger();
        CommandLineEndpoint commandLine = new CommandLineEndpoint(RestFixture.VERSION, () -> "running",
                stops::incrementAndGet);
        Caller remote = new Caller(InetAddress.getByName("192.0.2.1"), null);

        ApiResponse response;
        try {
            commandLine.answer(FormBody.parse(Unpooled.copiedBuffer("command=stop", StandardCharsets.UTF_8)), remote);
            throw new AssertionError("stop from " + remote + " was accepted");
        } catch (ApiException refused) {
            response = ApiResponse.error(refused);
        }

        assertEquals(HttpResponseStatus.FORBIDDEN, response.status());
        JsonNode body = rest.json.valueToTree(response.body());
        assertFields(body, "status", "errormessage", "timestamp");
        assertText(body, "status", "error");
        assertTrue(body.get("errormessage").isTextual());
        assertTrue(body.get("errormessage").asText(), body.get("errormessage").asText().contains("stop"));
        assertEquals("stop is accepted only from the connector's own machine (a loopback address)",
                body.get("errormessage").asText());
        assertTrue(body.get("timestamp").isIntegralNumber());
        assertNull("nothing to run after sending", response.afterSent());
        assertEquals(0, stops.get());
    }

    // ---- direct ---------------------------------------------------------------------------------------------

    @Test
    public void directAddAnswersAnIdAPasskeyAndTheBrokerPort() throws Exception {
        Answer answer = post("direct/add", "");

        JsonNode body = ok(answer);
        assertFields(body, "status", "id", "passkey", "port", "timestamp");
        assertText(body, "status", "ok");
        String id = uuid(body, "id");
        String passkey = uuid(body, "passkey");
        assertNumber(body, "port", 12345);
        assertTimestamp(answer);
        Mapping entry = registered(id);
        assertEquals(MappingType.DIRECT, entry.type());
        assertEquals(passkey, entry.passcodePort1());
    }

    @Test
    public void theSecondDirectCallerGetsTheFirstCallersData() throws Exception {
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();

        Answer first = direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, null);
        JsonNode waiting = ok(first);
        assertFields(waiting, "status", "id", "timestamp");
        assertText(waiting, "status", "wait");
        assertText(waiting, "id", id);
        assertTimestamp(first);

        Answer second = direct(id, passkey, "10.0.0.6", 5002, CERTIFICATE_B, null);
        JsonNode met = ok(second);
        assertFields(met, "status", "id", "ip", "remoteip", "port", "certificate", "timestamp");
        assertText(met, "status", "ok");
        assertText(met, "id", id);
        assertText(met, "ip", "10.0.0.5");
        assertText(met, "remoteip", "127.0.0.1");
        assertNumber(met, "port", 5001);
        assertText(met, "certificate", CERTIFICATE_A);
        assertTimestamp(second);

        // The first caller polls again and now gets the second's data.
        JsonNode polled = ok(direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, null));
        assertText(polled, "status", "ok");
        assertText(polled, "ip", "10.0.0.6");
        assertText(polled, "remoteip", "127.0.0.1");
        assertNumber(polled, "port", 5002);
        assertText(polled, "certificate", CERTIFICATE_B);
    }

    @Test
    public void theRemoteIpHonoursXForwardedFor() throws Exception {
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();

        assertText(ok(direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, "203.0.113.9, 10.0.0.1")),
                "status", "wait");
        JsonNode met = ok(direct(id, passkey, "10.0.0.6", 5002, CERTIFICATE_B, null));

        assertText(met, "status", "ok");
        assertText(met, "remoteip", "203.0.113.9");
        assertText(met, "ip", "10.0.0.5");
    }

    @Test
    public void anXForwardedForWithoutAnAddressFallsBackToTheConnectionsAddress() throws Exception {
        // A proxy (or a client) may send a header with empty entries; that is bad input, never a 5xx.
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();

        Answer first = direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, ",");
        assertText(ok(first), "status", "wait");
        JsonNode met = ok(direct(id, passkey, "10.0.0.6", 5002, CERTIFICATE_B, null));

        assertText(met, "remoteip", "127.0.0.1");
    }

    @Test
    public void directWithAWrongPasskeyOrIdIs404() throws Exception {
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();

        assertError(direct(id, NOT_A_MAPPING_ID, "10.0.0.5", 5001, CERTIFICATE_A, null), 404, "passkey");
        assertError(direct(NOT_A_MAPPING_ID, passkey, "10.0.0.5", 5001, CERTIFICATE_A, null), 404, "passkey");
        assertError(direct(id, passkey.substring(1), "10.0.0.5", 5001, CERTIFICATE_A, null), 404, "passkey");
    }

    @Test
    public void aDirectCallersDataExpiresAfterTheDirectWait() throws Exception {
        rest.rest = settings("", 65_536, Duration.ofMillis(300));
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();
        assertText(ok(direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, null)), "status", "wait");

        Thread.sleep(700);

        // The first caller went away: the next one must not be handed its stale data.
        JsonNode next = ok(direct(id, passkey, "10.0.0.6", 5002, CERTIFICATE_B, null));
        assertFields(next, "status", "id", "timestamp");
        assertText(next, "status", "wait");
        // The first, back in time, meets the second.
        JsonNode back = ok(direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, null));
        assertText(back, "status", "ok");
        assertText(back, "ip", "10.0.0.6");
    }

    @Test
    public void directRemoveForgetsTheEntry() throws Exception {
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();
        ok(direct(id, passkey, "10.0.0.5", 5001, CERTIFICATE_A, null));

        Answer answer = post("direct/remove", form("mappingid", id));

        JsonNode body = ok(answer);
        assertFields(body, "status", "id", "timestamp");
        assertText(body, "status", "ok");
        assertText(body, "id", id);
        assertTimestamp(answer);
        assertError(direct(id, passkey, "10.0.0.6", 5002, CERTIFICATE_B, null), 404, "passkey");
        assertTrue(rest.relay.registry().statuses().isEmpty());
    }

    @Test
    public void directRemoveOfAPortMappingIs404() throws Exception {
        String id = addMapping(PUBLIC);
        assertError(post("direct/remove", form("mappingid", id)), 404, id);
        assertTrue("the port mapping is untouched", rest.relay.registry().status(id).isPresent());
        assertError(post("direct/remove", form("mappingid", NOT_A_MAPPING_ID)), 404, NOT_A_MAPPING_ID);
    }

    @Test
    public void directWithABadPortIs400() throws Exception {
        JsonNode entry = ok(post("direct/add", ""));
        String id = entry.get("id").asText();
        String passkey = entry.get("passkey").asText();
        for (String port : List.of("0", "65536", "-1", "x", "1.5")) {
            Answer answer = post("direct", form("id", id, "passkey", passkey, "port", port, "ip", "10.0.0.5",
                    "certificate", CERTIFICATE_A));
            assertError(answer, 400, "port");
        }
    }

    // ---- bad input: 400 -------------------------------------------------------------------------------------

    @Test
    public void aMissingFieldIs400() throws Exception {
        Map<String, String> required = Map.of("mapping/add", "mapping", "mapping/remove", "mappingid",
                "status", "mappingid", "commandline", "command", "direct", "id", "direct/remove", "mappingid");
        for (Map.Entry<String, String> endpoint : required.entrySet()) {
            Answer answer = post(endpoint.getKey(), form("other", "x"));
            assertError(answer, 400, endpoint.getValue(), "missing");
        }
        assertError(post("mapping/add", ""), 400, "mapping", "missing");
    }

    @Test
    public void anEmptyFieldIs400() throws Exception {
        assertError(post("mapping/add", "mapping="), 400, "mapping", "empty");
        assertError(post("status", "mappingid=+++"), 400, "mappingid", "empty");
        assertError(post("commandline", "command="), 400, "command", "empty");
    }

    @Test
    public void aMappingThatIsNotJsonIs400() throws Exception {
        assertError(post("mapping/add", form("mapping", "type=public")), 400, "mapping", "JSON");
        assertError(post("mapping/add", form("mapping", "{\"type\":\"public\",")), 400, "mapping", "JSON");
    }

    @Test
    public void aMappingFollowedByOtherTextIs400() throws Exception {
        // A JSON object with more text after it is not a JSON object; the Controller never sends it.
        Answer answer = post("mapping/add", form("mapping", PUBLIC + " {\"type\":\"private\"}"));
        assertError(answer, 400, "mapping");
        assertTrue("nothing created", rest.relay.registry().statuses().isEmpty());
    }

    @Test
    public void aMappingThatIsJsonButNotAnObjectIs400() throws Exception {
        for (String value : List.of("[" + PUBLIC + "]", "\"public\"", "42", "null", "true")) {
            assertError(post("mapping/add", form("mapping", value)), 400, "mapping", "object");
        }
    }

    @Test
    public void anUnknownOrMissingTypeIs400() throws Exception {
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("\"public\"", "\"secret\""))),
                400, "type", "secret");
        assertError(post("mapping/add", form("mapping", "{\"maxconnections\":60,\"heartbeatabsencethreshold\":1}")),
                400, "type");
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("\"public\"", "1"))), 400, "type");
    }

    @Test
    public void aMissingNumberIs400() throws Exception {
        assertError(post("mapping/add", form("mapping", "{\"type\":\"public\",\"heartbeatabsencethreshold\":1}")),
                400, "maxconnections", "missing");
        String withoutThreshold = PRIVATE.replace(",\"heartbeatabsencethresholdport2\":200000", "");
        assertError(post("mapping/add", form("mapping", withoutThreshold)),
                400, "heartbeatabsencethresholdport2", "missing");
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("60", "null"))), 400, "maxconnections");
    }

    @Test
    public void aNumberThatIsNotAnIntegerIs400() throws Exception {
        for (String value : List.of("1.5", "\"60\"", "true", "[60]", "{}")) {
            assertError(post("mapping/add", form("mapping", PUBLIC.replace("60", value))),
                    400, "maxconnections", "whole number");
        }
        assertError(post("mapping/add", form("mapping", PRIVATE.replace("\"maxconnectionsport2\":1",
                "\"maxconnectionsport2\":\"1\""))), 400, "maxconnectionsport2");
    }

    @Test
    public void aNegativeNumberIs400() throws Exception {
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("60", "-60"))),
                400, "maxconnections", "negative");
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("200000", "-1"))),
                400, "heartbeatabsencethreshold", "negative");
        assertError(post("mapping/add", form("mapping", PRIVATE.replace("\"heartbeatabsencethresholdport1\":200000",
                "\"heartbeatabsencethresholdport1\":-5"))), 400, "heartbeatabsencethresholdport1");
    }

    @Test
    public void zeroConnectionsIs400() throws Exception {
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("60", "0"))), 400, "maxconnections");
        assertError(post("mapping/add", form("mapping", PRIVATE.replace("\"maxconnectionsport1\":1",
                "\"maxconnectionsport1\":0"))), 400, "maxconnectionsport1");
    }

    @Test
    public void aNumberTooLargeIs400() throws Exception {
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("60", "2147483648"))),
                400, "maxconnections", "too large");
        assertError(post("mapping/add", form("mapping", PUBLIC.replace("200000", "99999999999999999999999"))),
                400, "heartbeatabsencethreshold");
        assertTrue(rest.relay.registry().statuses().isEmpty());
    }

    @Test
    public void invalidPercentEncodingIs400() throws Exception {
        for (String body : List.of("mapping=%ZZ", "mapping=%", "mapping=%4", "mappingid=all&x=%G1")) {
            assertError(post(body.startsWith("mapping=") ? "mapping/add" : "status", body), 400, "form encoding");
        }
    }

    @Test
    public void aBodyThatIsNotUtf8Is400() throws Exception {
        byte[] body = {'m', 'a', 'p', 'p', 'i', 'n', 'g', '=', (byte) 0xff, (byte) 0xfe, 'x'};
        Answer answer = send(HttpRequest.newBuilder(rest.uri("mapping/add"))
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertError(answer, 400, "UTF-8");
    }

    @Test
    public void aMalformedHttpRequestIs400() throws Exception {
        Answer answer = RawHttp.exchange(rest.port(), ("POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: twelve\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertError(answer, 400, "malformed");
    }

    // ---- 404, 405, 413, 415 ---------------------------------------------------------------------------------

    @Test
    public void anUnknownEndpointIs404() throws Exception {
        for (String path : List.of("/api/v2/mapping/list", "/api/v1/status", "/", "/api/v2/status/")) {
            Answer answer = send(HttpRequest.newBuilder(rest.uri("status").resolve(path))
                    .header("Content-Type", FORM)
                    .POST(HttpRequest.BodyPublishers.ofString("mappingid=all")));
            assertError(answer, 404, "unknown endpoint", path);
        }
    }

    @Test
    public void otherMethodsAre405WithAllowPost() throws Exception {
        List<HttpRequest.Builder> requests = List.of(
                HttpRequest.newBuilder(rest.uri("status")).GET(),
                HttpRequest.newBuilder(rest.uri("status")).header("Content-Type", FORM)
                        .PUT(HttpRequest.BodyPublishers.ofString("mappingid=all")),
                HttpRequest.newBuilder(rest.uri("mapping/remove")).DELETE());
        for (HttpRequest.Builder request : requests) {
            Answer answer = send(request);
            assertError(answer, 405, "POST");
            assertEquals("POST", answer.header("Allow"));
        }
    }

    @Test
    public void aGetWithABodyAndAnInventedMethodAre405() throws Exception {
        for (String method : List.of("GET", "BREW")) {
            Answer answer = RawHttp.exchange(rest.port(), request(method, "/api/v2/status", FORM, "mappingid=all"));
            assertError(answer, 405, method, "POST");
            assertEquals("POST", answer.header("Allow"));
        }
    }

    @Test
    public void aBodyOverTheLimitIs413() throws Exception {
        rest.rest = settings("", 1024, Duration.ofSeconds(60));

        Answer answer = RawHttp.exchange(rest.port(),
                request("POST", "/api/v2/mapping/add", FORM, "mapping=" + "a".repeat(4992)));

        assertError(answer, 413, "1024");
        // The server still serves new connections.
        assertText(ok(post("status", form("mappingid", "all"))), "status", "running");
    }

    @Test
    public void aChunkedBodyOverTheLimitIs413() throws Exception {
        rest.rest = settings("", 1024, Duration.ofSeconds(60));
        String chunk = "a".repeat(1000);
        String chunked = "POST /api/v2/mapping/add HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "8\r\nmapping=\r\n" + (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(5)
                + "0\r\n\r\n";

        assertError(RawHttp.exchange(rest.port(), chunked.getBytes(StandardCharsets.US_ASCII)), 413, "1024");
    }

    @Test
    public void aBodyOverTheLimitAnnouncedWithExpectContinueIs413Json() throws Exception {
        // Clients that ask before sending a large body must get the same JSON refusal as the others.
        rest.rest = settings("", 1024, Duration.ofSeconds(60));
        String head = "POST /api/v2/mapping/add HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                + "\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n";

        assertError(RawHttp.exchange(rest.port(), head.getBytes(StandardCharsets.US_ASCII)), 413, "1024");
    }

    @Test
    public void anUnsupportedExpectationIsAnsweredWithJson() throws Exception {
        // Every answer is JSON (docs/protocol.md §2), also the refusal of an expectation the server cannot meet.
        String head = "POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                + "\r\nContent-Length: 13\r\nExpect: something-else\r\n\r\n";

        Answer answer = RawHttp.exchange(rest.port(), head.getBytes(StandardCharsets.US_ASCII));

        assertNotNull("an answer", answer);
        assertError(answer, answer.code());
        assertTrue("a 4xx: " + answer, answer.code() >= 400 && answer.code() < 500);
    }

    @Test
    public void aChunkedRequestWithinTheLimitIsServed() throws Exception {
        String chunked = "POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                + "\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nmappin\r\n7\r\ngid=all\r\n0\r\n\r\n";
        JsonNode body = ok(RawHttp.exchange(rest.port(), chunked.getBytes(StandardCharsets.US_ASCII)));
        assertText(body, "id", "all");
    }

    @Test
    public void aJsonContentTypeIs415() throws Exception {
        Answer answer = send(HttpRequest.newBuilder(rest.uri("status"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mappingid\":\"all\"}")));
        assertError(answer, 415, "application/json", FORM);
    }

    @Test
    public void aFormContentTypeWithACharsetIsServed() throws Exception {
        Answer answer = send(HttpRequest.newBuilder(rest.uri("status"))
                .header("Content-Type", FORM + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("mappingid=all")));
        assertText(ok(answer), "status", "running");
    }

    // ---- 507 ------------------------------------------------------------------------------------------------

    @Test
    public void noPortsLeftIs507WithTheControllersMessage() throws Exception {
        rest.relay.limitPorts(0);
        for (String mapping : List.of(PUBLIC, PRIVATE)) {
            Answer answer = post("mapping/add", form("mapping", mapping));
            assertError(answer, 507);
            // The Controller compares this text to decide to try another Connector.
            assertText(json(answer), "errormessage", "No enough available ports");
        }
        assertTrue("nothing half-created", rest.relay.registry().statuses().isEmpty());
    }

    @Test
    public void oneFreePortIs507() throws Exception {
        rest.relay.limitPorts(3);
        addMapping(PUBLIC);
        Answer answer = post("mapping/add", form("mapping", PUBLIC));
        assertError(answer, 507);
        assertText(json(answer), "errormessage", "No enough available ports");
        assertEquals(1, rest.relay.registry().statuses().size());
    }

    // ---- 401 ------------------------------------------------------------------------------------------------

    @Test
    public void anApiTokenIsRequiredOnceSet() throws Exception {
        rest.rest = settings("s3cret", 65_536, Duration.ofSeconds(60));

        Answer none = post("status", form("mappingid", "all"));
        assertError(none, 401, "token");
        assertNotNull("says how to authenticate", none.header("WWW-Authenticate"));
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"));

        Answer wrong = send(statusRequest().header("Authorization", "Bearer wrong"));
        assertError(wrong, 401, "token");
        assertNotNull(wrong.header("WWW-Authenticate"));
        assertError(send(statusRequest().header("Authorization", "Basic czNjcmV0")), 401, "token");
        assertError(send(statusRequest().header("Authorization", "Bearer s3cret2")), 401, "token");

        Answer right = send(statusRequest().header("Authorization", "Bearer s3cret"));
        assertText(ok(right), "status", "running");
    }

    @Test
    public void aClientCertificateIsRequiredWhenConfigured() throws Exception {
        rest.clientCertificateRequired = true;
        // Plain HTTP carries no certificate at all.
        assertError(post("status", form("mappingid", "all")), 401, "certificate");
        rest.clientCertificateRequired = false;
        assertText(ok(post("status", form("mappingid", "all"))), "status", "running");
    }

    // ---- connections ----------------------------------------------------------------------------------------

    @Test
    public void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), rest.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(request("POST", "/api/v2/status", FORM, "mappingid=all"));
            both.write(request("POST", "/api/v2/commandline", FORM, "command=version"));
            long sentAt = System.currentTimeMillis();
            out.write(both.toByteArray()); // one write: the two requests may well arrive in one segment
            out.flush();

            Answer first = RawHttp.read(in, "POST", sentAt);
            assertNotNull("first answer", first);
            assertText(ok(first), "id", "all");
            assertEquals("keep-alive", first.header("Connection"));
            Answer second = RawHttp.read(in, "POST", sentAt);
            assertNotNull("second answer", second);
            assertTrue(commandAnswer(second).contains(RestFixture.VERSION));

            // The connection stays open for more.
            long helpSentAt = System.currentTimeMillis();
            out.write(request("POST", "/api/v2/commandline", FORM, "command=help"));
            out.flush();
            assertTrue(commandAnswer(RawHttp.read(in, "POST", helpSentAt)).contains("Usage"));
        }
    }

    @Test
    public void connectionCloseIsHonoured() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), rest.port())) {
            socket.setSoTimeout(5_000);
            String request = "POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: " + FORM + "\r\nContent-Length: 13\r\n\r\nmappingid=all";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            Answer answer = RawHttp.read(socket.getInputStream(), "POST");
            assertText(ok(answer), "status", "running");
            assertEquals("close", answer.header("Connection"));
            assertEquals("closed after the answer", -1, socket.getInputStream().read());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** One answer: status code, headers (looked up in any case), body text, and when it was asked and came. */
    record Answer(int code, Map<String, List<String>> headers, String text, long sentAt, long receivedAt) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            return code + " " + headers + " " + text;
        }
    }

    /** HTTP/1.1 over a plain socket, for what HttpClient cannot send (bodies on GET, invented methods, pipelining). */
    static final class RawHttp {

        private static final int MAX_LINE = 64 * 1024;

        private RawHttp() {
        }

        /** Sends one request on a new connection and reads one answer; null when the server closes without one. */
        static Answer exchange(int port, byte[] request) throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(5_000);
                long sentAt = System.currentTimeMillis();
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                String method = new String(request, 0, Math.min(request.length, 8), StandardCharsets.US_ASCII);
                Answer answer = read(socket.getInputStream(), method.startsWith("HEAD ") ? "HEAD" : "POST");
                return answer == null ? null : new Answer(answer.code(), answer.headers(), answer.text(), sentAt,
                        answer.receivedAt());
            }
        }

        /**
         * Reads one answer, skipping interim 1xx answers; null when the stream ends before any byte.
         * Anything that is not HTTP, or an answer cut short, fails: the server must never send either.
         */
        static Answer read(InputStream in, String method) throws IOException {
            return read(in, method, System.currentTimeMillis());
        }

        /**
         * As {@link #read(InputStream, String)}, for an answer to a request written earlier (pipelined): the
         * server may have answered before this read began, so the request's own send time bounds the timestamp.
         */
        static Answer read(InputStream in, String method, long sentAt) throws IOException {
            while (true) {
                String statusLine = line(in, true);
                if (statusLine == null) {
                    return null;
                }
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
                    throw new AssertionError("not an HTTP status line: " + statusLine);
                }
                int code = Integer.parseInt(parts[1]);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new AssertionError("not an HTTP header: " + header);
                    }
                    headers.computeIfAbsent(header.substring(0, colon).strip(), name -> new ArrayList<>())
                            .add(header.substring(colon + 1).strip());
                }
                if (code < 200) {
                    continue; // 100 Continue: the real answer follows
                }
                byte[] body;
                List<String> length = headers.get("Content-Length");
                if (method.equals("HEAD") || code == 204 || code == 304) {
                    body = new byte[0];
                } else if (length != null) {
                    int n = Integer.parseInt(length.get(0));
                    body = in.readNBytes(n);
                    if (body.length < n) {
                        throw new AssertionError("answer cut short: " + body.length + " of " + n + " bytes, "
                                + statusLine + " " + headers);
                    }
                } else {
                    body = in.readAllBytes();
                }
                return new Answer(code, headers, new String(body, StandardCharsets.UTF_8), sentAt,
                        System.currentTimeMillis());
            }
        }

        /** A line without its CR LF; null at the end of the stream when {@code endAllowed} and nothing was read. */
        private static String line(InputStream in, boolean endAllowed) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (endAllowed && bytes.size() == 0) {
                        return null;
                    }
                    throw new EOFException("the connection ended inside an answer's head: " + bytes);
                }
                if (b == '\n') {
                    String text = bytes.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (bytes.size() >= MAX_LINE) {
                    throw new AssertionError("an answer line longer than " + MAX_LINE + " bytes");
                }
                bytes.write(b);
            }
        }
    }

    /** A complete HTTP/1.1 request with a Content-Length. */
    static byte[] request(String method, String path, String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(content);
        return bytes.toByteArray();
    }

    /** Form-encodes name/value pairs as the Controller does. */
    static String form(String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private Answer post(String endpoint, String form) throws IOException, InterruptedException {
        long sentAt = System.currentTimeMillis();
        HttpResponse<String> response = rest.post(endpoint, form);
        return answer(response, sentAt);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long sentAt = System.currentTimeMillis();
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer(response, sentAt);
    }

    private static Answer answer(HttpResponse<String> response, long sentAt) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        return new Answer(response.statusCode(), headers, response.body(), sentAt, System.currentTimeMillis());
    }

    private HttpRequest.Builder statusRequest() {
        return HttpRequest.newBuilder(rest.uri("status")).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString("mappingid=all"));
    }

    private Answer direct(String id, String passkey, String ip, int port, String certificate, String forwardedFor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(rest.uri("direct")).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form("id", id, "passkey", passkey, "port",
                        Integer.toString(port), "ip", ip, "certificate", certificate)));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request);
    }

    private String addMapping(String mapping) throws IOException, InterruptedException {
        return uuid(ok(post("mapping/add", form("mapping", mapping))), "id");
    }

    private Mapping registered(String id) {
        return rest.relay.registry().status(id).map(MappingStatus::mapping)
                .orElseThrow(() -> new AssertionError("not in the registry: " + id));
    }

    private static RestSettings settings(String apiToken, int maxBodyBytes, Duration directWait) {
        return new RestSettings("127.0.0.1", 0, 0, apiToken, maxBodyBytes, directWait, "");
    }

    /** The answer's body as a JSON object, after checking that it is declared as JSON. */
    private JsonNode json(Answer answer) throws IOException {
        String type = answer.header("Content-Type");
        assertNotNull("Content-Type of " + answer, type);
        assertTrue("Content-Type " + type, type.toLowerCase(Locale.ROOT).startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(answer.text());
        assertNotNull("a body: " + answer, body);
        assertTrue("a JSON object: " + answer, body.isObject());
        return body;
    }

    private JsonNode ok(Answer answer) throws IOException {
        assertEquals("status code of " + answer, 200, answer.code());
        return json(answer);
    }

    /** {@code {"status":"error","errormessage":<text naming the problem>,"timestamp":<number>}} with the code. */
    private void assertError(Answer answer, int code, String... words) throws IOException {
        assertNotNull("an answer", answer);
        assertEquals("status code of " + answer, code, answer.code());
        JsonNode body = json(answer);
        assertFields(body, "status", "errormessage", "timestamp");
        assertText(body, "status", "error");
        String message = body.get("errormessage").asText();
        assertTrue("errormessage is text: " + answer, body.get("errormessage").isTextual());
        assertFalse("errormessage is not empty", message.isBlank());
        for (String word : words) {
            assertTrue("errormessage \"" + message + "\" names " + word, message.contains(word));
        }
        assertTimestamp(answer);
    }

    private String commandAnswer(Answer answer) throws IOException {
        JsonNode body = ok(answer);
        assertFields(body, "response", "timestamp");
        assertTrue("response is text", body.get("response").isTextual());
        assertTimestamp(answer);
        return body.get("response").asText();
    }

    /** Exactly these fields: the Controller's answers carry nothing it does not expect. */
    private static void assertFields(JsonNode body, String... names) {
        Set<String> actual = new TreeSet<>();
        body.fieldNames().forEachRemaining(actual::add);
        assertEquals(new TreeSet<>(List.of(names)), actual);
    }

    /** At least these fields: status answers may carry more (ours). */
    private static void assertHasFields(JsonNode body, String... names) {
        Set<String> actual = new TreeSet<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        Set<String> missing = List.of(names).stream().filter(n -> !actual.contains(n)).collect(Collectors.toSet());
        assertTrue("missing " + missing + " in " + body, missing.isEmpty());
    }

    private static void assertText(JsonNode body, String field, String expected) {
        JsonNode value = body.get(field);
        assertNotNull(field + " in " + body, value);
        assertTrue(field + " is text in " + body, value.isTextual());
        assertEquals(field, expected, value.asText());
    }

    private static void assertNumber(JsonNode body, String field, long expected) {
        JsonNode value = body.get(field);
        assertNotNull(field + " in " + body, value);
        assertTrue(field + " is a JSON integer in " + body, value.isIntegralNumber());
        assertEquals(field, expected, value.asLong());
    }

    private static String uuid(JsonNode body, String field) {
        JsonNode value = body.get(field);
        assertNotNull(field + " in " + body, value);
        assertTrue(field + " is text in " + body, value.isTextual());
        assertEquals(field + " has 36 characters", 36, value.asText().length());
        assertTrue(field + " is a random (v4) UUID: " + value, UUID_V4.matcher(value.asText()).matches());
        return value.asText();
    }

    private static int port(JsonNode body, String field) {
        JsonNode value = body.get(field);
        assertNotNull(field + " in " + body, value);
        assertTrue(field + " is a JSON integer in " + body, value.isIntegralNumber());
        assertTrue(field + " is a port: " + value, value.asInt() >= 1 && value.asInt() <= 65535);
        return value.asInt();
    }

    /** The timestamp is epoch milliseconds taken while the request was being served. */
    private void assertTimestamp(Answer answer) throws IOException {
        JsonNode value = json(answer).get("timestamp");
        assertNotNull("timestamp in " + answer, value);
        assertTrue("timestamp is a JSON integer in " + answer, value.isIntegralNumber());
        long at = value.asLong();
        if (at < answer.sentAt() || at > answer.receivedAt()) {
            fail("timestamp " + at + " not within " + answer.sentAt() + ".." + answer.receivedAt());
        }
    }
}
