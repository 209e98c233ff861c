package org.iofog.connector.tls.internal;

/**
 * A problem with a TLS file (certificate or private key). The message names the file and the problem in words an
 * operator can act on, so callers log it as it is, without a stack trace.
 */
final class TlsFileException extends Exception {

    private static final long serialVersionUID = 1L;

    TlsFileException(String message) {
        super(message);
    }

    TlsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
