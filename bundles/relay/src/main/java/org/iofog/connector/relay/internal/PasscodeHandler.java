package org.iofog.connector.relay.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first phase of an agent connection: collect the passcode (it may arrive over several reads),
 * compare it in constant time, answer {@code AUTHORIZED} alone (the agent does one 10-byte read) or
 * close without a word, within the authentication timeout. Then it hands the connection to a
 * {@link RelayHandler}.
 */
final class PasscodeHandler extends ChannelInboundHandlerAdapter implements AgentGate.Admission {

    static final String NAME = "passcode";

    private static final Logger LOG = LoggerFactory.getLogger(PasscodeHandler.class);
    /** One wording whatever the level: operators and tests look for it. */
    private static final String AUTHENTICATED = "Agent connection from {} to {} authenticated";
    private static final ByteBuf AUTHORIZED = Unpooled.unreleasableBuffer(Unpooled.directBuffer(10)
            .writeBytes("AUTHORIZED".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private enum State { READING, DECIDING, REJECTED, PARKED, ADMITTED, DONE }

    private final AgentPort port;
    private final AuthThrottle throttle;
    private final AuthFailureLog failureLog;
    private final Duration authTimeout;
    private final int holdLimit;
    private final RelayStatistics statistics;

    private ChannelHandlerContext ctx;
    private ByteBuf received;
    private ScheduledFuture<?> timeout;
    private State state = State.READING;
    private long acceptedNanos;
    private long handshakeNanos;

    PasscodeHandler(AgentPort port, AuthThrottle throttle, AuthFailureLog failureLog, Duration authTimeout,
                    int holdLimit, RelayStatistics statistics) {
        this.statistics = statistics;
        this.port = port;
        this.throttle = throttle;
        this.failureLog = failureLog;
        this.authTimeout = authTimeout;
        this.holdLimit = holdLimit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        acceptedNanos = System.nanoTime();
        received = ctx.alloc().buffer(port.gate().passcodeLength());
        // Counted from the TCP accept, so a slow TLS handshake is bounded too.
        timeout = ctx.executor().schedule(this::timedOut, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state != State.READING) {
            // Nothing is read while deciding or parked (autoRead is off); anything here came in the same
            // read as the passcode's tail and is kept for the relay.
            received.writeBytes(data);
            data.release();
            return;
        }
        received.writeBytes(data);
        data.release();
        if (received.readableBytes() >= port.gate().passcodeLength()) {
            decide();
        }
    }

    private void decide() {
        state = State.DECIDING;
        handshakeNanos = System.nanoTime() - acceptedNanos;
        ctx.channel().config().setAutoRead(false);
        byte[] candidate = new byte[port.gate().passcodeLength()];
        received.readBytes(candidate);
        if (port.gate().matches(candidate)) {
            // Never delayed, whatever else came from the same address.
            admitOrPark();
            return;
        }
        // Counted and logged at once; only the close that answers it may wait.
        state = State.REJECTED;
        statistics.authFailed();
        failureLog.refused(ctx.channel().remoteAddress(), port.describe(), "wrong passcode", ctx.executor());
        long delay = throttle.failed(remoteAddress());
        if (delay == 0) {
            closeRejected();
        } else {
            statistics.authThrottled();
            ctx.executor().schedule(this::closeRejected, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void closeRejected() {
        finish();
        ctx.close();
    }

    private void admitOrPark() {
        if (!ctx.channel().isActive()) {
            finish();
            return;
        }
        if (port.gate().admitOrPark(this)) {
            authorize();
        } else {
            state = State.PARKED;
            LOG.debug("Agent connection from {} waits for a free slot", ctx.channel().remoteAddress());
        }
    }

    /** Called by the gate, on any thread, when a slot frees for this parked connection. */
    @Override
    public boolean admit() {
        if (!ctx.channel().isActive()) {
            return false;
        }
        ctx.executor().execute(() -> {
            if (state == State.PARKED && ctx.channel().isActive()) {
                authorize();
            } else {
                // Closed or timed out in the meantime: the slot was handed over, give it back.
                port.gate().release();
            }
        });
        return true;
    }

    private void authorize() {
        state = State.ADMITTED;
        timeout.cancel(false);
        // Agents reconnect after every public client, so a line for each would flood the log at thousands a
        // second (and halve the relay's connection rate). An agent arriving at a port
        // that had no connection for a while is what an operator follows; the reconnections go to DEBUG. Asked
        // before AUTHORIZED goes out: once the agent has it, its next connection may be admitted at any moment.
        boolean alone = port.gate().firstInAWhile();
        ctx.writeAndFlush(AUTHORIZED.duplicate(), ctx.voidPromise());
        statistics.authenticated();
        if (alone) {
            LOG.info(AUTHENTICATED, ctx.channel().remoteAddress(), port.describe());
        } else {
            LOG.debug(AUTHENTICATED, ctx.channel().remoteAddress(), port.describe());
        }

        Endpoint endpoint = port.endpointFor(ctx.channel(), holdLimit);
        ChannelPipeline pipeline = ctx.pipeline();
        long absence = port.gate().heartbeatAbsenceMillis();
        if (absence > 0) {
            pipeline.addBefore(NAME, "heartbeat-absence", new IdleStateHandler(absence, 0, 0, TimeUnit.MILLISECONDS));
        }
        RelayHandler relay = new RelayHandler(endpoint, statistics, () -> {
            port.gate().release();
            port.closed(endpoint);
        });
        pipeline.addBefore(NAME, "relay", relay);
        ByteBuf leftover = received.isReadable() ? received.retain() : null;
        state = State.DONE;
        pipeline.remove(this);
        port.authenticated(endpoint, handshakeNanos);
        if (leftover != null) {
            // Bytes that came in the passcode's read belong to the relay phase, in order.
            relay.channelRead(pipeline.context(relay), leftover);
        }
        ctx.channel().config().setAutoRead(true);
    }

    private void timedOut() {
        if (state == State.ADMITTED || state == State.DONE) {
            return;
        }
        if (state == State.REJECTED) {
            // Counted when its passcode was found wrong; the slow-down's close is overtaken.
            closeRejected();
            return;
        }
        statistics.authFailed();
        failureLog.refused(ctx.channel().remoteAddress(), port.describe(),
                "no passcode within " + authTimeout.toMillis() + " ms", ctx.executor());
        finish();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Agent connection from {} failed before authenticating: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    /** Leaves the gate's queue and stops the timer; the connection never authenticated. */
    private void finish() {
        if (state == State.PARKED) {
            port.gate().unpark(this);
        }
        if (state != State.ADMITTED) {
            state = State.DONE;
        }
        timeout.cancel(false);
    }

    private InetAddress remoteAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
    }
}
