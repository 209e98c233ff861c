package org.iofog.connector.api.transport;

import java.time.Instant;
import java.util.List;

/**
 * Which transport the relay runs on now, and which ones still carry connections from before a swap.
 *
 * @param active    the transport every relay port listens on and new connections start on
 * @param ioThreads event loop threads of the active transport for relayed connections
 * @param splicing  whether public clients' bytes go to their agent connection by splice (dev mode, a
 *                  transport that can, and {@code splice = true})
 * @param draining  earlier transports whose connections are finishing, oldest first
 * @param available every transport present now (its service registered), best first
 */
public record TransportStatus(String active, int ioThreads, boolean splicing, List<Draining> draining,
                              List<String> available) {

    public TransportStatus {
        draining = List.copyOf(draining);
        available = List.copyOf(available);
    }

    /**
     * A transport the relay moved away from.
     *
     * @param name        the transport
     * @param connections its connections still open
     * @param deadline    when the remaining ones are closed
     */
    public record Draining(String name, int connections, Instant deadline) {
    }
}
