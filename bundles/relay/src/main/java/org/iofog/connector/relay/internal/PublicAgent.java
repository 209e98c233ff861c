package org.iofog.connector.relay.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * An authenticated agent connection of a public pipe. It settles first: it may serve a client only once it
 * has sent nothing for its settle time, and whatever it sends while it serves no client is dropped and
 * starts the settle time again. The real agent resends an earlier session's unsent bytes and backlog on a
 * fresh connection right after {@code AUTHORIZED} (docs/protocol.md §3); this keeps them from any client.
 */
final class PublicAgent implements Endpoint.UnpairedReads {

    /** Where a public agent connection stands; changed under the pipe's lock. */
    enum State { SETTLING, IDLE, PAIRED, CLOSED }

    /** The pipe's side of it. */
    interface Pool {
        /** The agent has been quiet for its settle time: give it a client or keep it idle. On its loop. */
        void settled(PublicAgent agent);

        /**
         * The agent sent bytes while it served no client; they were dropped. On its loop.
         *
         * @return whether it must settle again (false once it is paired or closed)
         */
        boolean droppedBeforePairing(PublicAgent agent, int bytes);
    }

    final Endpoint endpoint;
    private final Pool pool;
    /** Guarded by the pipe's lock. */
    State state = State.SETTLING;

    // On the connection's event loop.
    private long settleNanos;
    private long quietSinceNanos;
    private boolean checkPending;

    PublicAgent(Channel channel, LongAdder bytesOut, int holdLimit, Pool pool) {
        this.endpoint = new Endpoint(channel, bytesOut, holdLimit, this);
        this.pool = pool;
    }

    /** Starts settling; on the connection's loop, once it has authenticated. */
    void settle(long nanos) {
        settleNanos = nanos;
        quietSinceNanos = System.nanoTime();
        checkLater(nanos);
    }

    @Override
    public void unpaired(ByteBuf data) {
        int bytes = data.readableBytes();
        data.release();
        quietSinceNanos = System.nanoTime();
        if (pool.droppedBeforePairing(this, bytes)) {
            checkLater(settleNanos);
        }
    }

    long settleNanos() {
        return settleNanos;
    }

    Channel channel() {
        return endpoint.channel();
    }

    private void checkLater(long nanos) {
        if (checkPending) {
            return;
        }
        checkPending = true;
        channel().eventLoop().schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        checkPending = false;
        if (!channel().isActive()) {
            return;
        }
        long quiet = System.nanoTime() - quietSinceNanos;
        if (quiet < settleNanos) {
            checkLater(settleNanos - quiet);
        } else {
            pool.settled(this);
        }
    }
}
