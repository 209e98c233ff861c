package org.iofog.connector.itests;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Blocking sockets that speak the relay protocol (dev mode) to 127.0.0.1, as agents and clients do. */
final class Agents {

    private Agents() {
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /**
     * A connection from another loopback address (127.0.0.x): the relay logs rejections once per source address
     * and minute, so a test that looks for such a line must not share its address with earlier tests.
     */
    static Socket connectFrom(int lastByte, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte}),
                0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(10_000);
        return socket;
    }

    static Socket authenticate(int port, String passcode) throws IOException {
        Socket socket = connect(port);
        send(socket, passcode);
        String answer = read(socket, 10);
        if (!"AUTHORIZED".equals(answer)) {
            socket.close();
            throw new AssertionError("expected AUTHORIZED on port " + port + ", got " + answer);
        }
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    static String read(Socket socket, int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int read = socket.getInputStream().read(buf, got, n - got);
            if (read < 0) {
                break;
            }
            got += read;
        }
        return new String(buf, 0, got, StandardCharsets.US_ASCII);
    }

    static boolean listening(int port) throws IOException {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    /** True when the connection is closed by the other end within the socket's timeout. */
    static boolean closed(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
