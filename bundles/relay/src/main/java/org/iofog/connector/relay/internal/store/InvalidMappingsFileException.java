package org.iofog.connector.relay.internal.store;

/**
 * A mappings file that cannot be used as it is: not JSON, or an entry that breaks a rule. The message
 * names the file, the entry (index from 0, and id when known) and the field.
 */
public final class InvalidMappingsFileException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidMappingsFileException(String message) {
        super(message);
    }
}
