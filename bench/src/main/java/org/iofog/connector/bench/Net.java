package org.iofog.connector.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Blocking loopback sockets with TCP_NODELAY, as the bench's clients, fake agents and direct servers use them;
 * plain TCP or, through {@link TlsClient}, the JDK's TLS.
 */
final class Net {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** No single read or write of the bench waits longer than this; a stuck peer fails the run instead of hanging it. */
    static final int IO_TIMEOUT_MILLIS = 10_000;

    /** Plain TCP, as the relay speaks it in dev mode. */
    static final Dialer PLAIN = Net::connect;

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

    /** A direct server socket on 127.0.0.1 that speaks TLS with this context; accept gives up after the I/O timeout. */
    static ServerSocket listen(SSLContext tls) throws IOException {
        ServerSocket server = tls.getServerSocketFactory().createServerSocket(0, 64, LOOPBACK);
        server.setSoTimeout(IO_TIMEOUT_MILLIS);
        return server;
    }

    /** A fake agent: connects to an agent port, sends the passcode, and returns once it read {@code AUTHORIZED}. */
    static Socket agent(int port, String passcode) throws IOException {
        return PLAIN.agent(port, passcode);
    }

    /** Sends the passcode on a connected socket and reads {@code AUTHORIZED}; closes the socket when that fails. */
    private static <S extends Socket> S authenticate(S socket, int port, String passcode) throws IOException {
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

    /** Opens the bench's client and agent connections to a relay: plain TCP or TLS. */
    interface Dialer {

        /** A connected client socket, ready to send. */
        Socket connect(int port) throws IOException;

        /** A fake agent: connected, passcode sent, {@code AUTHORIZED} read. */
        default Socket agent(int port, String passcode) throws IOException {
            return authenticate(connect(port), port, passcode);
        }
    }

    /**
     * TLS clients as the JDK makes them: they trust only {@code certificate} and check that it names 127.0.0.1,
     * and offer a single protocol and cipher suite, so that every TLS connection of a run uses the same cipher
     * whichever engine is on the other end (engines differ in whose preference order they follow).
     */
    record TlsClient(SSLSocketFactory factory, String protocol, String cipherSuite) implements Dialer {

        static TlsClient trusting(X509Certificate certificate, String protocol, String cipherSuite)
                throws GeneralSecurityException, IOException {
            return new TlsClient(trustingOnly(certificate).getSocketFactory(), protocol, cipherSuite);
        }

        /** Connects and completes the handshake, so that no measurement includes it and a failure shows at once. */
        @Override
        public SSLSocket connect(int port) throws IOException {
            SSLSocket socket = wrap(Net.connect(port));
            try {
                socket.startHandshake();
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** TLS over a connected socket, handshake not started; closing either closes both. */
        SSLSocket wrap(Socket plain) throws IOException {
            try {
                SSLSocket socket = (SSLSocket) factory.createSocket(plain, LOOPBACK.getHostAddress(), plain.getPort(),
                        true);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {protocol});
                parameters.setCipherSuites(new String[] {cipherSuite});
                // Checks the certificate's subjectAltName against 127.0.0.1, as an agent checks the Connector's.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                return socket;
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
        }
    }

    /** A client TLS context that trusts {@code certificate} alone (a self-signed one, as the connector's). */
    static SSLContext trustingOnly(X509Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("relay", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Both ends of one connection to a direct server. */
    record Connection(Socket client, Socket server) {
    }

    /**
     * A TLS client connected to a direct TLS server ({@link #listen(SSLContext)}), both ends handshaken. The
     * server end handshakes on a thread of its own because both ends block until the other answers; each
     * waits at most the I/O timeout.
     */
    static Connection connectTls(ServerSocket server, TlsClient tls) throws IOException, InterruptedException {
        SSLSocket client = tls.wrap(connect(server.getLocalPort()));
        SSLSocket accepted = null;
        boolean connected = false;
        try {
            accepted = (SSLSocket) accept(server);
            SSLSocket serverEnd = accepted;
            FutureTask<Void> serverHandshake = new FutureTask<>(() -> {
                serverEnd.startHandshake();
                return null;
            });
            Thread thread = new Thread(serverHandshake, "bench-tls-handshake");
            thread.setDaemon(true);
            thread.start();
            client.startHandshake();
            serverHandshake.get(IO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            connected = true;
            return new Connection(client, accepted);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the direct TLS server's handshake failed: " + e, e);
        } finally {
            if (!connected) {
                // Also ends a server handshake still waiting.
                closeQuietly(client);
                closeQuietly(accepted);
            }
        }
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
