package org.iofog.connector.api.ports;

/**
 * Thrown when the configured ranges hold fewer free ports than asked for. Callers tell it apart from
 * other failures: the REST API answers it with 507 "No enough available ports" so that the
 * Controller tries another connector.
 */
public class NoAvailablePortsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int requested;
    private final int available;

    public NoAvailablePortsException(int requested, int available) {
        super("No enough available ports: " + requested + " requested, " + available
                + " free in the configured ranges");
        this.requested = requested;
        this.available = available;
    }

    public int requested() {
        return requested;
    }

    public int available() {
        return available;
    }
}
