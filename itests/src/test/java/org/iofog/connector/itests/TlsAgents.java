package org.iofog.connector.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets as the real agent opens them: trusting only the certificates it was given and checking
 * that the server certificate names the address it dialled (127.0.0.1).
 */
final class TlsAgents {

    private TlsAgents() {
    }

    static X509Certificate[] certificates(InputStream... pems) throws GeneralSecurityException, IOException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate[] certificates = new X509Certificate[pems.length];
        for (int i = 0; i < pems.length; i++) {
            try (InputStream in = pems[i]) {
                certificates[i] = (X509Certificate) factory.generateCertificate(in);
            }
        }
        return certificates;
    }

    static SSLContext trusting(X509Certificate... trusted) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static SSLSocket connect(SSLContext context, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static Socket authenticate(SSLContext context, int port, String passcode) throws IOException {
        Socket socket = connect(context, port);
        Agents.send(socket, passcode);
        String answer = Agents.read(socket, 10);
        if (!"AUTHORIZED".equals(answer)) {
            socket.close();
            throw new AssertionError("expected AUTHORIZED on port " + port + ", got " + answer);
        }
        return socket;
    }

    static X509Certificate serverCertificate(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
}
