package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Rule;
import org.junit.Test;

/**
 * The Controller's whole conversation over real HTTP on 127.0.0.1, with real agents and a public client
 * on the relay ports it hands out: add, relay, status, remove.
 */
public class RestEndToEndTest {

    private static final String CONTROLLER_PUBLIC =
            "{\"type\":\"public\",\"maxconnections\":60,\"heartbeatabsencethreshold\":200000}";

    @Rule
    public final RestFixture rest = new RestFixture();


    @Test
    public void aPublicPipeAddedOverHttpRelaysBytesAndIsGoneAfterRemove() throws Exception {
        JsonNode added = rest.parse(rest.post("mapping/add", "mapping=" + form(CONTROLLER_PUBLIC)));
        assertEquals("ok", added.get("status").asText());
        int port1 = added.get("port1").asInt();
        int port2 = added.get("port2").asInt();
        String id = added.get("id").asText();

        try (Socket agent = rest.relay.connect(port1); Socket client = rest.relay.connect(port2)) {
            send(agent, added.get("passcode1").asText());
            assertEquals("AUTHORIZED", read(agent, 10));
            send(client, "GET / HTTP/1.1\r\n\r\n");
            assertEquals("GET / HTTP/1.1\r\n\r\n", read(agent, 18));
            send(agent, "HTTP/1.1 204 No Content\r\n\r\n");
            assertEquals("HTTP/1.1 204 No Content\r\n\r\n", read(client, 27));

            JsonNode status = rest.parse(rest.post("status", "mappingid=" + id));
            assertEquals("Active", status.get("public").asText());
            assertEquals("Active", status.get("private").asText());
            assertEquals(1, status.get("connectionsport1").asInt());
        }
        JsonNode all = rest.parse(rest.post("status", "mappingid=all"));
        assertEquals(1, all.get("mappings").asInt());

        JsonNode removed = rest.parse(rest.post("mapping/remove", "mappingid=" + id));
        assertEquals("ok", removed.get("status").asText());
        assertEquals(id, removed.get("id").asText());
        assertFalse("port1 closed", listening(port1));
        assertFalse("port2 closed", listening(port2));
        assertEquals(0, rest.parse(rest.post("status", "mappingid=all")).get("mappings").asInt());
        assertTrue(rest.relay.registry().statuses().isEmpty());
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String read(Socket socket, int n) throws IOException {
        socket.setSoTimeout(5_000);
        return new String(socket.getInputStream().readNBytes(n), StandardCharsets.US_ASCII);
    }

    private static boolean listening(int port) throws IOException {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
