package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reading and writing the relay's wire protocol from blocking test sockets. */
final class Wire {

    static final String AUTHORIZED = "AUTHORIZED";

    private Wire() {
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Exactly n bytes, or fewer if the connection closes first. */
    static String readExactly(Socket socket, int n, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[n];
        int got = 0;
        InputStream in = socket.getInputStream();
        while (got < n) {
            int read = in.read(buf, got, n - got);
            if (read < 0) {
                break;
            }
            got += read;
        }
        return new String(buf, 0, got, StandardCharsets.US_ASCII);
    }

    /** What one read() returns: the agent does one read into a 10-byte buffer. */
    static String oneRead(Socket socket, int size, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[size];
        int read = socket.getInputStream().read(buf);
        return read < 0 ? null : new String(Arrays.copyOf(buf, read), StandardCharsets.US_ASCII);
    }

    /** True when nothing arrives within the time (and the connection stays open). */
    static boolean silentFor(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** True when the peer closes the connection within the time, having sent nothing more. */
    static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    /** Authenticates as an agent and returns the socket, failing the test if AUTHORIZED does not come. */
    static Socket agent(TestRelay relay, int port, String passcode) throws IOException {
        Socket socket = relay.connect(port);
        send(socket, passcode);
        String answer = oneRead(socket, 10, 5_000);
        if (!AUTHORIZED.equals(answer)) {
            throw new AssertionError("expected AUTHORIZED, got " + answer);
        }
        return socket;
    }

    /** Whether something accepts connections on 127.0.0.1 at this port now. */
    static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
