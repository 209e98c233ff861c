package org.iofog.connector.support.settings;

/** A setting that cannot be used, named by its property so that the operator knows what to fix. */
public final class InvalidSettingException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String property, String problem) {
        super(property + ": " + problem);
    }
}
