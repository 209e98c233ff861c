package org.iofog.connector.ports.internal;

/**
 * Tells whether a port that is free in the pool's books is also free on the machine: another process
 * may hold a port of the configured ranges, and handing it to a mapping would make its relay fail to bind.
 */
@FunctionalInterface
public interface PortProbe {

    /** A probe that trusts the pool's books; for tests and for measuring bookkeeping alone. */
    PortProbe ALWAYS_FREE = port -> true;

    /**
     * @return true when the port can be bound now, false when something else holds it
     */
    boolean isFree(int port);
}
