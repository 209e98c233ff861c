package org.iofog.connector.api.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PID {@code org.iofog.connector.transport}: which relay transport runs the relay's sockets, and how.
 *
 * @param transport     {@value #AUTO} (the best present, by service ranking) or the name of a transport
 *                      ({@code nio}, {@code epoll}, {@code io_uring}, or any other registered
 *                      {@link org.iofog.connector.api.transport.RelayTransport}); one that is not present
 *                      leaves the relay on the best present
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
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * A transport name as settings and commands take it: trimmed, in lower case, with {@code -} read as
     * {@code _} ({@code IO-URING} is {@code io_uring}); empty when the text cannot be a transport's name.
     * Whether such a transport is present is the relay's business: transports come and go.
     */
    public static Optional<String> transportName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** The event loop threads for relayed connections, with 0 resolved to the number of cores. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }
}
