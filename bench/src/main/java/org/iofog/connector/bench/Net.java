package org.iofog.connector.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Blocking loopback sockets with TCP_NODELAY, as the bench's clients, fake agents and direct servers use them. */
final class Net {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** No single read or write of the bench waits longer than this; a stuck peer fails the run instead of hanging it. */
    static final int IO_TIMEOUT_MILLIS = 10_000;

    private static final byte[] AUTHORIZED = "AUTHORIZED".getBytes(StandardCharsets.US_ASCII);

    private Net() {
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(LOOPBACK, port), IO_TIMEOUT_MILLIS);
            socket.setSoTimeout(IO_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A direct server socket on 127.0.0.1 whose accept gives up after the I/O timeout. */
    static ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 64, LOOPBACK);
        server.setSoTimeout(IO_TIMEOUT_MILLIS);
        return server;
    }

    static Socket accept(ServerSocket server) throws IOException {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(IO_TIMEOUT_MILLIS);
        return socket;
    }

    /** A fake agent: connects to an agent port, sends the passcode, and returns once it read {@code AUTHORIZED}. */
    static Socket agent(int port, String passcode) throws IOException {
        Socket socket = connect(port);
        try {
            socket.getOutputStream().write(passcode.getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(AUTHORIZED.length);
            if (!Arrays.equals(answer, AUTHORIZED)) {
                throw new IOException("agent on port " + port + " not authorized, got "
                        + new String(answer, StandardCharsets.US_ASCII));
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Bytes to send: pseudo-random (so never a read of nothing but {@code BEAT}, which the relay would
     * take for a heartbeat), with {@code tag} as the first byte so a sink can tell whose stream it gets.
     */
    static byte[] payload(int size, int tag) {
        byte[] bytes = new byte[size];
        new Random(42 + tag).nextBytes(bytes);
        bytes[0] = (byte) tag;
        return bytes;
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Shutting down: nothing to do about it.
        }
    }
}
