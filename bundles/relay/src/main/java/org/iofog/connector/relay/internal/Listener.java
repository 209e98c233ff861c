package org.iofog.connector.relay.internal;

import java.io.IOException;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening port of a pipe. It can move to another transport while running: the new socket
 * shares the port ({@code SO_REUSEPORT}) until the old one is closed, so no connection attempt finds
 * the port closed.
 */
final class Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final RelayEngine engine;
    final Pipe pipe;
    final int port;
    /** 1 or 2: which port of the pipe. */
    final int which;

    // Guarded by `this`: a move, the first bind and the close never interleave.
    private Channel channel;
    private TransportLoops loops;
    private boolean closed;

    Listener(RelayEngine engine, Pipe pipe, int port, int which) {
        this.engine = engine;
        this.pipe = pipe;
        this.port = port;
        this.which = which;
    }

    /** Listens on the engine's active transport; returns once connections are accepted. */
    synchronized void bind() throws IOException {
        TransportLoops active = engine.activeLoops();
        channel = engine.bind(active, this);
        loops = active;
    }

    /**
     * Moves to {@code target}: listens there, then closes the socket on the previous transport.
     *
     * @return false when it could not listen on the target and stays where it was
     */
    synchronized boolean moveTo(TransportLoops target) {
        if (closed || channel == null || loops == target) {
            return true;
        }
        Channel moved;
        try {
            moved = engine.bind(target, this);
        } catch (IOException e) {
            LOG.error("Port {} of mapping {} stays on the {} transport: {}", port, pipe.mapping().id(),
                    loops.name(), e.getMessage());
            return false;
        }
        channel.close().awaitUninterruptibly();
        channel = moved;
        loops = target;
        return true;
    }

    synchronized boolean isActive() {
        return channel != null && channel.isActive();
    }

    /** Stops listening; returns once the port is released. */
    void close() {
        Channel open;
        synchronized (this) {
            closed = true;
            open = channel;
        }
        engine.forget(this);
        if (open != null) {
            open.close().awaitUninterruptibly();
        }
    }
}
