package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import io.netty.handler.ssl.OpenSsl;
import org.iofog.connector.tls.embedded.EmbeddedTls;

/** How the report names the OpenSSL engine the TLS scenario measures, or why it could not. */
final class OpenSslEngine {

    private OpenSslEngine() {
    }

    /** E.g. "BoringSSL (netty-tcnative-boringssl-static 2.0.84.Final)" when OpenSSL is available; otherwise why not. */
    static String describe() {
        if (EmbeddedTls.openSslAvailable()) {
            return OpenSsl.versionString() + " (netty-tcnative-boringssl-static " + tcnativeVersion() + ")";
        }
        return "unavailable: " + EmbeddedTls.openSslUnavailabilityCause();
    }

    /**
     * BoringSSL names no version of its own, so the jar that brings it tells it, from the Maven metadata the
     * shaded jar keeps (its manifest is not the tcnative jar's).
     */
    private static String tcnativeVersion() {
        String resource = "/META-INF/maven/io.netty/netty-tcnative-boringssl-static/pom.properties";
        try (InputStream in = OpenSslEngine.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "version unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "version unknown");
        } catch (IOException e) {
            return "version unknown";
        }
    }
}
