package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK TLS clients for the tests: they trust only the certificates they are given and check that the
 * server certificate names 127.0.0.1, as an agent given the Connector's certificate does.
 */
final class TlsClients {

    private TlsClients() {
    }

    /** Reads certificates with the JDK alone, independently of the bundle's Bouncy Castle reader. */
    static X509Certificate[] certificates(Path... pemFiles) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return Arrays.stream(pemFiles).flatMap(file -> {
            try (InputStream in = Files.newInputStream(file)) {
                return factory.generateCertificates(in).stream();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(X509Certificate[]::new);
    }

    static SSLContext trusting(X509Certificate[] trusted, PrivateKey clientKey, X509Certificate clientCert)
            throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trust.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustFactory.init(trust);
        KeyManagerFactory keyFactory = null;
        if (clientKey != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientKey, "x".toCharArray(), new Certificate[] {clientCert});
            keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyFactory.init(keys, "x".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyFactory == null ? null : keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
        return context;
    }

    /** Connects, completes the handshake and checks the host name 127.0.0.1 against the certificate. */
    static SSLSocket connect(SSLContext context, int port) throws IOException {
        return connect(context, port, null, null);
    }

    /** As {@link #connect(SSLContext, int)}, offering only the given protocols and cipher suites. */
    static SSLSocket connect(SSLContext context, int port, String[] protocols, String[] ciphers) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return handshake(socket, parameters -> {
            if (protocols != null) {
                parameters.setProtocols(protocols);
            }
            if (ciphers != null) {
                parameters.setCipherSuites(ciphers);
            }
        });
    }

    /** Checks the certificate's names as an HTTPS client does, with {@code tune}'s changes; closes on failure. */
    private static SSLSocket handshake(SSLSocket socket, Consumer<SSLParameters> tune) throws IOException {
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tune.accept(parameters);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects to 127.0.0.1 but checks the certificate against {@code serverName}, as a client given that name
     * does (Go's crypto/tls, Node's checkServerIdentity): the name is the socket's host and its SNI, so the JDK
     * checks that name alone (it falls back to the host it connected to only when the two differ).
     */
    static SSLSocket connectAs(SSLContext context, int port, String serverName) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            plain.setSoTimeout(5_000);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, port, true);
        return handshake(socket, parameters -> parameters.setServerNames(List.of(new SNIHostName(serverName))));
    }

    /** Sends text and reads the same number of bytes back. */
    static String echo(SSLSocket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        byte[] back = socket.getInputStream().readNBytes(bytes.length);
        return new String(back, StandardCharsets.UTF_8);
    }

    static X509Certificate serverCertificate(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
}
