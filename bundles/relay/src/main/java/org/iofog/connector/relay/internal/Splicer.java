package org.iofog.connector.relay.internal;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kernel splice from public clients to their agent connections, where the transport and the setting allow it. */
final class Splicer {

    /** Bytes spliced between two looks from the JVM: large enough to cost nothing, small enough to count by. */
    static final int CHUNK = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Splicer.class);

    private final Supplier<TransportSettings> transportSettings;
    private final LongAdder splicedBytes = new LongAdder();

    Splicer(Supplier<TransportSettings> transportSettings) {
        this.transportSettings = transportSettings;
    }

    /**
     * Moves bytes the public client sends straight to its agent connection inside the kernel, when the
     * transport can (epoll), splice is on, the relay is in dev mode (TLS needs the bytes in the JVM) and
     * both connections share one event loop of the active transport. Only this direction: agents'
     * heartbeats must be seen to be answered and not relayed, so what agents send stays in the JVM.
     * Call on the client's event loop, after the bytes it held were passed on.
     */
    void spliceIfPossible(Endpoint client, Endpoint agent) {
        Channel from = client.channel();
        Channel to = agent.channel();
        TransportLoops loops = from.attr(TransportLoops.OF_CHANNEL).get();
        if (loops == null || loops != to.attr(TransportLoops.OF_CHANNEL).get() || !loops.transport.supportsSplice()
                || from.eventLoop() != to.eventLoop() || !transportSettings.get().splice()
                || from.pipeline().get("tls") != null || to.pipeline().get("tls") != null
                || !from.isActive() || !to.isActive()) {
            return;
        }
        spliceChunk(loops.transport, client, to);
    }

    /**
     * Splices the next chunk and, once it is through, counts it and splices the next: the kernel does
     * not report bytes as they pass, so counting per chunk keeps the mapping's byte counts true (to
     * within a chunk while it flows).
     */
    private void spliceChunk(RelayTransport transport, Endpoint client, Channel to) {
        Channel from = client.channel();
        transport.splice(from, to, CHUNK).addListener(done -> {
            if (done.isSuccess()) {
                client.countForwarded(CHUNK);
                splicedBytes.add(CHUNK);
                if (from.isActive() && to.isActive()) {
                    spliceChunk(transport, client, to);
                }
            } else if (from.isActive() && to.isActive()) {
                LOG.debug("Splice from {} stopped: {}", from.remoteAddress(), done.cause().toString());
            }
        });
    }

    /** Bytes moved by splice so far, counted per chunk. */
    long splicedBytes() {
        return splicedBytes.sum();
    }
}
