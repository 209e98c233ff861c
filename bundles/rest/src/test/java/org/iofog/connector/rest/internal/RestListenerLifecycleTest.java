package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The listener after live changes: what listens is exactly what is configured, checked by connecting to
 * the sockets, not by asking the server. On Linux, 127.0.0.2 reaches a listener on 0.0.0.0 but not one on
 * 127.0.0.1, which tells the two apart without leaving loopback.
 */
public class RestListenerLifecycleTest {

    private static final String BODY = "mappingid=all";

    @Rule
    public final RestFixture rest = new RestFixture();

    /** The log (slf4j-simple writes to System.err) while a test runs, to catch swallowed exceptions. */
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @Before
    public void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @After
    public void restoreLog() {
        System.setErr(originalErr);
    }

    @Test
    public void afterManyQuickMovesExactlyTheConfiguredListenerServes() throws Exception {
        int first = freePort();
        int second = freePort();
        // Each step changes the address, every third the port too: moves on the same port (which Linux
        // does not allow beside the old socket) and to another port (which it does) both happen.
        for (int i = 0; i < 60; i++) {
            assertTrue("step " + i, rest.server.listen(listening(i, first, second)));
        }
        // Callers racing each other (two settings updated at once), then the last word.
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            racers.add(new Thread(() -> {
                for (int i = 0; i < 30; i++) {
                    rest.server.listen(listening(i + offset, first, second));
                }
            }));
        }
        racers.forEach(Thread::start);
        for (Thread racer : racers) {
            racer.join(60_000);
        }

        assertTrue(rest.server.listen(new RestServer.Listening("0.0.0.0", first, false)));
        assertAnswers("127.0.0.1", first);
        // The control: a wildcard listener is reachable on 127.0.0.2, so the refusals below mean something.
        assertAnswers("127.0.0.2", first);
        assertRefused("127.0.0.1", second);
        assertReports("0.0.0.0", first);

        for (int i = 0; i < 60; i++) {
            rest.server.listen(listening(i, first, second));
        }
        assertTrue(rest.server.listen(new RestServer.Listening("127.0.0.1", second, false)));
        assertAnswers("127.0.0.1", second);
        assertRefused("127.0.0.2", second);
        assertRefused("127.0.0.1", first);
        assertRefused("127.0.0.2", first);
        assertReports("127.0.0.1", second);
        assertNoSwallowedException();
    }

    @Test
    public void aPortHeldByAnotherSocketIsRetriedUntilItIsFree() throws Exception {
        ServerSocket holder = hold();
        int port = holder.getLocalPort();
        int old = rest.port();
        try {
            assertFalse(rest.server.listen(new RestServer.Listening("127.0.0.1", port, false)));
            // The old listener is not what is configured any more: it must not stay.
            assertRefused("127.0.0.1", old);
            assertEquals(Optional.empty(), rest.server.address());
            Thread.sleep(1_000);
        } finally {
            holder.close();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!answers("127.0.0.1", port)) {
            if (System.nanoTime() > deadline) {
                fail("nothing serves on the freed port " + port + "; log:\n" + log());
            }
            Thread.sleep(100);
        }
        assertReports("127.0.0.1", port);
        assertRefused("127.0.0.1", old);
        assertNoSwallowedException();
        // Several retries failed in that second, but the failure is logged once.
        assertEquals(log(), 1, count("cannot listen on http://127.0.0.1:" + port));
        assertTrue(log(), log().contains("REST API listening on http://127.0.0.1:" + port + " after "));
    }

    @Test
    public void aFailedMoveOnTheSamePortLeavesNothingBehindAndIsRetried() throws Exception {
        int port = freePort();
        assertTrue(rest.server.listen(new RestServer.Listening("0.0.0.0", port, false)));
        assertAnswers("127.0.0.2", port);
        // A move from the wildcard to a port another program holds: the wildcard listener must not stay.
        ServerSocket holder = hold();
        int taken = holder.getLocalPort();
        try {
            assertFalse(rest.server.listen(new RestServer.Listening("127.0.0.1", taken, false)));
            assertRefused("127.0.0.2", port);
            assertRefused("127.0.0.1", port);
            assertEquals(Optional.empty(), rest.server.address());
            // Wanting something else that can bind ends the retries for the taken port.
            assertTrue(rest.server.listen(new RestServer.Listening("127.0.0.1", port, false)));
            assertAnswers("127.0.0.1", port);
            assertRefused("127.0.0.2", port);
        } finally {
            holder.close();
        }
        Thread.sleep(1_500);
        assertRefused("127.0.0.1", taken);
        assertReports("127.0.0.1", port);
        assertNoSwallowedException();
    }

    private static RestServer.Listening listening(int step, int first, int second) {
        return new RestServer.Listening(step % 2 == 0 ? "0.0.0.0" : "127.0.0.1", step / 3 % 2 == 0 ? first : second,
                false);
    }

    /** A plain socket on a loopback port, without SO_REUSEADDR, as another program would hold it. */
    private static ServerSocket hold() throws IOException {
        ServerSocket holder = new ServerSocket();
        holder.setReuseAddress(false);
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return holder;
    }

    /**
     * The server's own account of what listens. A wildcard is reported as :: when the JDK opened a
     * dual-stack socket, which 0.0.0.0 then means.
     */
    private void assertReports(String host, int port) throws IOException {
        InetSocketAddress reported = rest.server.address().orElseThrow(() -> new AssertionError("reports nothing"));
        assertEquals(port, reported.getPort());
        InetAddress expected = InetAddress.getByName(host);
        if (expected.isAnyLocalAddress()) {
            assertTrue(reported.toString(), reported.getAddress().isAnyLocalAddress());
        } else {
            assertEquals(expected, reported.getAddress());
        }
    }

    private void assertNoSwallowedException() {
        String text = log();
        assertFalse(text, text.contains("BlockingOperationException"));
        assertFalse(text, text.contains("Moving the REST listener failed"));
    }

    private int count(String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(log());
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static void assertAnswers(String host, int port) throws IOException {
        String answer = status(host, port);
        assertTrue(answer, answer.startsWith("HTTP/1.1 200 OK"));
        assertTrue(answer, answer.contains("\"status\":\"running\""));
    }

    private static boolean answers(String host, int port) throws IOException {
        try {
            return status(host, port).startsWith("HTTP/1.1 200 OK");
        } catch (ConnectException e) {
            return false;
        }
    }

    private static void assertRefused(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            fail("something listens on " + host + ":" + port);
        } catch (ConnectException expected) {
            // Refused: nothing listens there.
        }
    }

    /** POST /api/v2/status on a connection of its own, the whole answer (the server closes it). */
    private static String status(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(5_000);
            String request = "POST /api/v2/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + BODY.length()
                    + "\r\n\r\n" + BODY;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Writes to the console and keeps a copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            console.flush();
        }
    }
}
