package org.iofog.connector.api.settings;

import java.time.Duration;
import java.util.List;

/**
 * PID {@code org.iofog.connector.transport}: which relay transport runs the relay's sockets, and how.
 *
 * @param transport     {@value #AUTO} (the best present, by service ranking), {@code nio}, {@code epoll} or
 *                      {@code io_uring}
 * @param ioThreads     event loop threads for relayed connections; 0 for one per core
 * @param acceptThreads event loop threads that accept connections on every relay port
 * @param drainDeadline after a swap, how long connections on the previous transport may go on before
 *                      the remaining ones are closed and its threads stop
 * @param splice        in dev mode on a transport that can, move public clients' bytes to their agent
 *                      connection inside the kernel (splice) instead of through the JVM
 */
public record TransportSettings(String transport, int ioThreads, int acceptThreads, Duration drainDeadline,
                                boolean splice) {

    public static final String PID = "org.iofog.connector.transport";
    /** The {@link #transport} value that lets service ranking choose. */
    public static final String AUTO = "auto";
    /** Every value {@link #transport} may take. */
    public static final List<String> CHOICES = List.of(AUTO, "nio", "epoll", "io_uring");

    /** The event loop threads for relayed connections, with 0 resolved to the number of cores. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }
}
