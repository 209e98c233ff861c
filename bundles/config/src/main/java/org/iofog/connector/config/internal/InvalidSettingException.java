package org.iofog.connector.config.internal;

/** A setting that cannot be used, named by its property so that the operator knows what to fix. */
final class InvalidSettingException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidSettingException(String property, String problem) {
        super(property + ": " + problem);
    }
}
