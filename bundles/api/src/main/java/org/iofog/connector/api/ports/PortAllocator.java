package org.iofog.connector.api.ports;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands out ports of the configured ranges ({@code org.iofog.connector.ports}) to mappings.
 * Thread safe: no port is ever handed out twice before it is released.
 */
@ProviderType
public interface PortAllocator {

    /**
     * Takes two free ports that no other process holds either (checked by binding them on the relay
     * bind address).
     *
     * @throws NoAvailablePortsException when fewer than two usable ports are left
     */
    PortPair allocatePair() throws NoAvailablePortsException;

    /** Gives a port back. Releasing a port that is not in use does nothing. */
    void release(int port);

    /**
     * Marks a port of a persisted mapping as used when mappings are restored, even when the current
     * ranges no longer contain it.
     *
     * @return false when the port was already in use (two mappings claim it)
     * @throws IllegalArgumentException when the value is not a port (1-65535): restored mappings come from a
     *                                  file users can edit
     */
    boolean reserve(int port);

    /** Whether the port is handed out or reserved. */
    boolean isUsed(int port);

    PortUsage usage();
}
