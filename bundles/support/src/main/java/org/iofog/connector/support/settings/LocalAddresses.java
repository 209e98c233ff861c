package org.iofog.connector.support.settings;

import java.net.InetAddress;
import java.util.Set;

/**
 * The addresses this machine can bind to. An interface so that tests can state the machine's addresses
 * instead of depending on the interfaces of whatever host runs them.
 */
public interface LocalAddresses {

    /**
     * The addresses of this machine's network interfaces, loopback included.
     *
     * @throws java.io.UncheckedIOException when the operating system cannot list them
     */
    Set<InetAddress> addresses();
}
