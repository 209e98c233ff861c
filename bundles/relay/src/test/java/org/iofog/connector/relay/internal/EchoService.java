package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The local service behind an agent: echoes every byte on 127.0.0.1, a thread per connection. Like many
 * real services it leaves Nagle's algorithm on, so a small last segment can be held back until the agent's
 * delayed ACK (about 40 ms on Linux): bytes of a session that arrive well after the rest.
 */
final class EchoService implements AutoCloseable {

    private final ServerSocket server;

    EchoService() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "echo-service");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread echo = new Thread(() -> echo(socket), "echo");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException gone) {
            // The agent closed its side.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
