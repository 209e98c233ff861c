package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether Linux hands the connections queued on a closing listener to another listener of the same
 * port ({@code net.ipv4.tcp_migrate_req}, Linux 5.14+). During a transport swap both transports'
 * listeners share each port; without this, a connection that completed its handshake on the old
 * listener in the instant it closes is reset.
 */
final class KernelHandover {

    private static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    private KernelHandover() {
    }

    /** Empty when the kernel does not say (not Linux, or too old to have the setting). */
    static Optional<Boolean> migratesQueuedConnections() {
        try {
            return Optional.of(!Files.readString(SETTING).strip().equals("0"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
