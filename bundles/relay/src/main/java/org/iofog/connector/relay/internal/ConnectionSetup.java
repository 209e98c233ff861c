package org.iofog.connector.relay.internal;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.relay.internal.TlsPolicy.RelayTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers every accepted connection starts with: TLS as the policy asks for it now, then the passcode
 * check for an agent, or the wait for a completed handshake for a public client.
 */
final class ConnectionSetup {

    /** Largest TLS record on the wire: 2^14 bytes of plaintext plus expansion, plus the 5-byte header. */
    static final int MAX_TLS_RECORD = (1 << 14) + 2048 + 5;
    /**
     * Dev mode with a certificate: a public client that has sent nothing for this long is taken as plain (a
     * protocol where the server speaks first). TLS clients send their ClientHello at once.
     */
    static final long CLIENT_SILENCE_MILLIS = 250;

    /** Logged under the engine's name, which operators' log lines have always shown for refused connections. */
    private static final Logger LOG = LoggerFactory.getLogger(RelayEngine.class);

    private final Supplier<RelaySettings> settings;
    private final TlsPolicy tls;
    private final AuthThrottle throttle;
    private final AuthFailureLog failureLog = new AuthFailureLog();
    private final RelayStatistics statistics;

    ConnectionSetup(Supplier<RelaySettings> settings, TlsPolicy tls, AuthThrottle throttle,
                    RelayStatistics statistics) {
        this.settings = settings;
        this.tls = tls;
        this.throttle = throttle;
        this.statistics = statistics;
    }

    /**
     * Starts an agent connection: TLS unless dev mode (in dev mode with a certificate, TLS or plain as the
     * agent's first bytes tell), then the passcode check.
     */
    void startAgent(Channel channel, AgentPort port) {
        RelayTls mode = tlsFor(channel);
        if (mode == null) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        RelaySettings current = settings.get();
        if (mode.required()) {
            addAgentTls(pipeline, null, mode.context());
        } else if (!mode.plainOnly()) {
            // An agent always speaks first (ClientHello or passcode); the passcode timeout bounds the wait.
            pipeline.addLast(PlainOrTls.NAME, new PlainOrTls(ctx -> addAgentTls(pipeline, ctx.name(), mode.context()),
                    () -> { }, 0));
        }
        pipeline.addLast(PasscodeHandler.NAME, new PasscodeHandler(port, throttle, failureLog, current.authTimeout(),
                current.privateHoldBytes(), statistics));
    }

    /**
     * The agent's TLS handlers, at the end of the pipeline or right after {@code after}. One TLS record per
     * read into the TLS layer, so each record the agent sends (a BEAT among them) comes out as a read of its
     * own even when one TCP segment carries several. Netty 4.2's JDK-engine SslHandler already emits one read
     * per record; this keeps that true whatever the engine.
     */
    private static void addAgentTls(ChannelPipeline pipeline, String after, SslContext context) {
        String records = addAfter(pipeline, after, "tls-records", new LengthFieldBasedFrameDecoder(MAX_TLS_RECORD,
                3, 2, 0, 0));
        addAfter(pipeline, records, "tls", context.newHandler(pipeline.channel().alloc()));
    }

    /**
     * Starts a public client connection: TLS unless dev mode (in dev mode with a certificate, TLS or plain
     * as its first bytes tell). {@code ready} runs on the connection's event loop once the client may take an
     * agent connection: at once over plain TCP, after a completed handshake over TLS. So a port scan, an idle
     * socket or a client that fails the handshake never holds an agent connection (docs/protocol.md §3). What the
     * client sends meanwhile is held by its endpoint, up to the bound.
     *
     * @return false when the connection was refused (TLS required but unavailable)
     */
    boolean startPublicClient(Channel channel, Runnable ready) {
        RelayTls mode = tlsFor(channel);
        if (mode == null) {
            return false;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (mode.required()) {
            addClientTls(pipeline, null, mode.context(), ready);
        } else if (mode.plainOnly()) {
            // Runs once the pipeline the pipe completes is in place.
            channel.eventLoop().execute(ready);
        } else {
            pipeline.addLast(PlainOrTls.NAME, new PlainOrTls(
                    ctx -> addClientTls(pipeline, ctx.name(), mode.context(), ready), ready, CLIENT_SILENCE_MILLIS));
        }
        return true;
    }

    private void addClientTls(ChannelPipeline pipeline, String after, SslContext context, Runnable ready) {
        SslHandler tls = context.newHandler(pipeline.channel().alloc());
        tls.setHandshakeTimeoutMillis(settings.get().authTimeout().toMillis());
        addAfter(pipeline, addAfter(pipeline, after, "tls", tls), HandshakeDone.NAME, new HandshakeDone(ready));
    }

    /** Adds a handler right after {@code after}, or last when that is null; returns the handler's name. */
    private static String addAfter(ChannelPipeline pipeline, String after, String name, ChannelHandler handler) {
        if (after == null) {
            pipeline.addLast(name, handler);
        } else {
            pipeline.addAfter(after, name, handler);
        }
        return name;
    }

    /** What a new connection speaks; null when it was refused because TLS is required and cannot be had. */
    private RelayTls tlsFor(Channel channel) {
        try {
            return tls.forNewConnection();
        } catch (IllegalStateException e) {
            refuse(channel, e);
            return null;
        }
    }

    /** @throws IllegalStateException when TLS is required and cannot be had, naming the problem */
    void requireTlsReady() {
        tls.forNewConnection();
    }

    private static void refuse(Channel channel, IllegalStateException why) {
        LOG.error("Connection from {} refused: {}", channel.remoteAddress(), why.getMessage());
        channel.close();
    }
}
