package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.Rule;
import org.junit.Test;

/**
 * Moving the listener (a new port, bind address or dev mode) while clients are connected: requests that
 * have started to arrive on the old listener are answered, then those connections close; idle ones
 * close at once; the new listener serves.
 */
public class RestRebindTest {

    private static final String BODY = "mappingid=all";

    @Rule
    public final RestFixture rest = new RestFixture();


    @Test
    public void aRequestHalfReceivedWhenTheListenerMovesIsAnsweredThenItsConnectionCloses() throws Exception {
        int oldPort = rest.port();
        try (Socket client = connect(oldPort)) {
            send(client, head(BODY.length()) + BODY.substring(0, 5));
            // The request counts as started once the server has read its head; until then the connection is
            // idle and the move closes it (seen on a loaded machine). Nothing tells the client, so give the
            // server's event loop ample time to read it.
            Thread.sleep(300);
            int newPort = freePort();
            assertTrue(rest.server.listen(new RestServer.Listening("127.0.0.1", newPort, false)));
            assertEquals(newPort, rest.port());

            send(client, BODY.substring(5));
            String answer = readAll(client.getInputStream());
            assertTrue(answer, answer.startsWith("HTTP/1.1 200 OK"));
            assertTrue(answer, answer.toLowerCase().contains("connection: close"));
            assertTrue(answer, answer.contains("\"status\":\"running\""));
        }
        try (Socket moved = connect(rest.port())) {
            send(moved, head(BODY.length()) + BODY);
            assertTrue(readHead(moved.getInputStream()).startsWith("HTTP/1.1 200 OK"));
        }
    }

    @Test
    public void anIdleKeepAliveConnectionClosesWhenTheListenerMoves() throws Exception {
        try (Socket client = connect(rest.port())) {
            send(client, head(BODY.length()) + BODY);
            assertTrue(readHead(client.getInputStream()).startsWith("HTTP/1.1 200 OK"));

            assertTrue(rest.server.listen(new RestServer.Listening("127.0.0.1", freePort(), false)));
            client.setSoTimeout(5_000);
            // What is left of the first answer, then the end of the stream: nothing more is served here.
            readAll(client.getInputStream());
        }
    }

    private static String head(int length) {
        return "POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Everything until the server closes the connection (a read timeout fails the test). */
    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    /** The status line and headers of one answer, and its body. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + text);
            }
            text.append((char) b);
        }
        int length = Integer.parseInt(text.toString().toLowerCase().replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
