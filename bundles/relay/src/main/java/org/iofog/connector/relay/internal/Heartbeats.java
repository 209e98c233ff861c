package org.iofog.connector.relay.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The agents' heartbeat: {@code BEAT}, answered with {@code BEAT}, never relayed. */
final class Heartbeats {

    static final ByteBuf BEAT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(4).writeBytes(new byte[] {'B', 'E', 'A', 'T'}).asReadOnly());

    private static final int BEAT_INT = 'B' << 24 | 'E' << 16 | 'A' << 8 | 'T';

    private Heartbeats() {
    }

    /** Whether a read consists only of {@code BEAT} repeated (the agent counts BEATBEAT as one heartbeat). */
    static boolean onlyBeats(ByteBuf read) {
        int length = read.readableBytes();
        if (length == 0 || length % 4 != 0) {
            return false;
        }
        for (int i = read.readerIndex(), end = read.writerIndex(); i < end; i += 4) {
            if (read.getInt(i) != BEAT_INT) {
                return false;
            }
        }
        return true;
    }

    /** A BEAT to write; the shared buffer is never released. */
    static ByteBuf beat() {
        return BEAT.duplicate();
    }
}
