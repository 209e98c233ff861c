package org.iofog.connector.relay.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

/**
 * One relayed connection: an authenticated agent connection or a public client. Bytes read from it go
 * to its peer; while it has no peer they are held, up to a bound, after which reading stops until a
 * peer takes them (back-pressure instead of dropping or unbounded buffering), unless the endpoint was
 * made with {@link UnpairedReads}: then they are handed to that, which drops them.
 *
 * <p>Everything but {@link #attach}/{@link #detach} runs on the channel's own event loop, so the hold
 * queue needs no lock; attach and detach hand their work to that loop, which keeps held bytes ahead of
 * bytes read later.
 */
final class Endpoint {

    /**
     * What becomes of bytes read while the endpoint has no peer, for connections whose unpaired bytes must
     * reach nobody (a public pipe's agent connections: docs/protocol.md §3). Called on the endpoint's loop.
     */
    interface UnpairedReads {
        /** Takes ownership of {@code data}. */
        void unpaired(ByteBuf data);
    }

    private final Channel channel;
    private final LongAdder bytesOut;
    private final int holdLimit;
    private final UnpairedReads unpairedReads;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private int heldBytes;

    private volatile Endpoint peer;

    /**
     * @param channel   the connection
     * @param bytesOut  counts bytes forwarded from this connection to its peers
     * @param holdLimit bytes held while there is no peer before reading stops
     */
    Endpoint(Channel channel, LongAdder bytesOut, int holdLimit) {
        this(channel, bytesOut, holdLimit, null);
    }

    /** @param unpairedReads takes what is read while there is no peer instead of holding it; null to hold */
    Endpoint(Channel channel, LongAdder bytesOut, int holdLimit, UnpairedReads unpairedReads) {
        this.channel = channel;
        this.bytesOut = bytesOut;
        this.holdLimit = holdLimit;
        this.unpairedReads = unpairedReads;
    }

    UnpairedReads unpairedReads() {
        return unpairedReads;
    }

    Channel channel() {
        return channel;
    }

    Endpoint peer() {
        return peer;
    }

    /** Called on this endpoint's event loop for every data read. Takes ownership of {@code data}. */
    void forward(ByteBuf data) {
        Endpoint target = peer;
        if (target == null && unpairedReads != null) {
            unpairedReads.unpaired(data);
            return;
        }
        if (target == null || !held.isEmpty()) {
            hold(data);
            return;
        }
        send(target, data);
    }

    /** Links two endpoints both ways; each then sends what it held, on its own event loop. */
    static void link(Endpoint a, Endpoint b) {
        a.peer = b;
        b.peer = a;
        a.channel.eventLoop().execute(a::drainHeld);
        b.channel.eventLoop().execute(b::drainHeld);
    }

    /** Counts bytes moved to the peer without passing through {@link #forward} (spliced by the kernel). */
    void countForwarded(long bytes) {
        bytesOut.add(bytes);
    }

    /** Forgets the peer: later reads are held until a new peer is linked. */
    void detach() {
        peer = null;
    }

    /** Called (on the peer's loop) when the peer's outbound buffer drained below its low watermark. */
    void peerWritable() {
        channel.eventLoop().execute(() -> {
            if (heldBytes < holdLimit) {
                channel.config().setAutoRead(true);
            }
        });
    }

    /** Releases whatever is still held; called when the channel closes. */
    void discardHeld() {
        channel.eventLoop().execute(() -> {
            ByteBuf buf;
            while ((buf = held.poll()) != null) {
                ReferenceCountUtil.release(buf);
            }
            heldBytes = 0;
        });
    }

    private void hold(ByteBuf data) {
        held.add(data);
        heldBytes += data.readableBytes();
        if (heldBytes >= holdLimit) {
            channel.config().setAutoRead(false);
        }
    }

    private void drainHeld() {
        Endpoint target = peer;
        if (target == null || !channel.isActive()) {
            return;
        }
        ByteBuf buf;
        while ((buf = held.poll()) != null) {
            heldBytes -= buf.readableBytes();
            send(target, buf);
        }
        if (target.channel.isWritable()) {
            channel.config().setAutoRead(true);
        }
    }

    private void send(Endpoint target, ByteBuf data) {
        bytesOut.add(data.readableBytes());
        // One flush per read: over TLS every write becomes its own records, so a BEAT answer queued on
        // the same connection is never coalesced with relayed bytes into one record.
        target.channel.writeAndFlush(data, target.channel.voidPromise());
        if (!target.channel.isWritable()) {
            channel.config().setAutoRead(false);
            // The peer may have drained (and announced it) between the check and the switch-off: look
            // again so that reading cannot stop for good.
            if (target.channel.isWritable()) {
                channel.config().setAutoRead(true);
            }
        }
    }
}
