package org.iofog.connector.api.mapping;

/**
 * A mapping could not be opened, stored or removed: a listener could not bind, the mappings file could
 * not be written, or TLS is required and no certificate is loaded. The message says which; nothing of a
 * failed change is left behind (no half-open mapping, no leaked port).
 */
public class MappingException extends Exception {

    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
