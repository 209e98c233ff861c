package org.iofog.connector.tls.internal;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.settings.TlsSettings.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS implementation runs the handshakes. OpenSSL (BoringSSL via netty-tcnative) is several times
 * faster than the JDK's engine for bulk data, but it is a native library that may not load on every
 * platform; the JDK's engine always works.
 */
final class EngineChoice {

    static final String OPENSSL = "OpenSSL";
    static final String JDK = "JDK";

    private static final Logger LOG = LoggerFactory.getLogger(EngineChoice.class);

    private EngineChoice() {
    }

    /** The provider for the configured engine, logging why when OpenSSL was wanted but is not there. */
    static SslProvider choose(Engine configured) {
        return switch (configured) {
            case JDK -> SslProvider.JDK;
            case AUTO -> {
                if (openSslLoads()) {
                    yield SslProvider.OPENSSL;
                }
                LOG.info("TLS engine: JDK, because OpenSSL does not load here ({})", unavailabilityCause());
                yield SslProvider.JDK;
            }
            case OPENSSL -> {
                if (openSslLoads()) {
                    yield SslProvider.OPENSSL;
                }
                LOG.error("TLS engine openssl (engine in etc/org.iofog.connector.tls.cfg) cannot be used: {}."
                        + " Using the JDK engine instead.", unavailabilityCause());
                yield SslProvider.JDK;
            }
        };
    }

    static String displayName(SslProvider provider) {
        return provider == SslProvider.JDK ? JDK : OPENSSL;
    }

    /** Version details for the log, e.g. "BoringSSL" for OpenSSL. */
    static String details(SslProvider provider) {
        return provider == SslProvider.JDK ? "Java " + Runtime.version() : OpenSsl.versionString();
    }

    static boolean openSslLoads() {
        try {
            return OpenSsl.isAvailable();
        } catch (LinkageError e) {
            // netty-handler wires netty-tcnative optionally: without it, OpenSsl's own classes may not link.
            return false;
        }
    }

    static String unavailabilityCause() {
        try {
            Throwable cause = OpenSsl.unavailabilityCause();
            return cause == null ? "unknown reason" : cause.toString();
        } catch (LinkageError e) {
            return e.toString();
        }
    }
}
