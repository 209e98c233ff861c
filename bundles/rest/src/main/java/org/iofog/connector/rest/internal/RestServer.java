package org.iofog.connector.rest.internal;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP(S) listener of the REST API and its life: {@link #listen} moves it to a new address, port
 * or mode without dropping requests in flight. The new listener is bound before the old one closes
 * (unless both want the same port); connections of the old one finish their request in flight and
 * are then closed, so a connection never outlives a switch from HTTP to HTTPS.
 */
final class RestServer implements AutoCloseable {

    /** Where and how to listen. */
    record Listening(String host, int port, boolean tls) {

        String url() {
            return (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final int WORKER_THREADS = 16;
    private static final int QUEUED_REQUESTS = 1024;
    private static final int IDLE_SECONDS = 60;
    private static final int RETRY_SECONDS = 10;

    private final Api api;
    private final ObjectMapper json;
    private final RequestPolicy policy;
    private final IntSupplier maxBodyBytes;
    private final Function<Channel, Optional<SslContext>> tls;
    private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("rest-accept", true), NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2,
            new DefaultThreadFactory("rest-io", true), NioIoHandler.newFactory());
    private final ExecutorService workers = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_REQUESTS), new DefaultThreadFactory("rest-worker", true));

    // Guarded by `this`.
    private Listening wanted;
    private boolean retryScheduled;
    private Listening current;
    private Channel listener;
    private ChannelGroup connections;

    /**
     * @param tls the context for a new HTTPS connection; empty means the connection is refused (the
     *            function logs why)
     */
    RestServer(Api api, ObjectMapper json, RequestPolicy policy, IntSupplier maxBodyBytes,
               Function<Channel, Optional<SslContext>> tls) {
        this.api = api;
        this.json = json;
        this.policy = policy;
        this.maxBodyBytes = maxBodyBytes;
        this.tls = tls;
    }

    /**
     * Listens as wanted. On failure (port taken, no permission) the error is logged and the server keeps
     * its previous listener when that one serves the same mode; a listener of the other mode is closed,
     * so that turning dev mode off never leaves plain HTTP open. A failed listener is tried again
     * every few seconds until it binds or something else is wanted.
     *
     * @return whether the wanted listener is in place
     */
    synchronized boolean listen(Listening wanted) {
        this.wanted = wanted;
        if (wanted.equals(current) && listener != null && listener.isActive()) {
            return true;
        }
        boolean samePort = current != null && current.port() == wanted.port();
        if (samePort) {
            stopListening();
        }
        ChannelGroup group = new DefaultChannelGroup("rest " + wanted.url(), GlobalEventExecutor.INSTANCE);
        ChannelFuture bound = bootstrap(wanted, group).bind(new InetSocketAddress(wanted.host(), wanted.port()))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            LOG.error("The REST API cannot listen on {}: {}{}", wanted.url(), describe(bound.cause()),
                    wanted.port() < 1024 ? " (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability; or"
                            + " choose another port in etc/org.iofog.connector.rest.cfg)" : "");
            if (current != null && current.tls() != wanted.tls()) {
                stopListening();
            }
            scheduleRetry();
            return false;
        }
        stopListening();
        current = wanted;
        listener = bound.channel();
        connections = group;
        LOG.info("REST API listening on {}", wanted.url());
        return true;
    }

    private void scheduleRetry() {
        if (retryScheduled || acceptor.isShuttingDown()) {
            return;
        }
        retryScheduled = true;
        acceptor.schedule(() -> {
            synchronized (this) {
                retryScheduled = false;
                if (wanted != null && !acceptor.isShuttingDown()) {
                    listen(wanted);
                }
            }
        }, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /** The bound address, once listening. */
    synchronized Optional<InetSocketAddress> address() {
        return listener == null ? Optional.empty() : Optional.of((InetSocketAddress) listener.localAddress());
    }

    @Override
    public synchronized void close() {
        wanted = null;
        stopListening();
        workers.shutdown();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerBootstrap bootstrap(Listening wanted, ChannelGroup group) {
        return new ServerBootstrap()
                .group(acceptor, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A client that shuts down its sending side after a request still gets the answer.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        group.add(channel);
                        if (wanted.tls()) {
                            Optional<SslContext> context = tls.apply(channel);
                            if (context.isEmpty()) {
                                channel.close();
                                return;
                            }
                            channel.pipeline().addLast("tls", context.get().newHandler(channel.alloc()));
                        }
                        RequestProgress progress = new RequestProgress();
                        channel.pipeline().addLast(
                                new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS),
                                new HttpServerCodec(),
                                progress,
                                new BodyLimit(maxBodyBytes.getAsInt(), json),
                                new RequestHandler(api, workers, json, policy, progress));
                        if (!channel.parent().isOpen()) {
                            // Accepted just before the listener moved, but set up after its connections were
                            // told: this one drains too.
                            channel.pipeline().fireUserEventTriggered(RequestHandler.DRAIN);
                        }
                    }
                });
    }

    /** Closes the listener; its connections finish the request in flight, then close. */
    private void stopListening() {
        if (listener == null) {
            return;
        }
        listener.close().awaitUninterruptibly();
        LOG.info("REST API no longer listening on {}", current.url());
        for (Channel connection : connections) {
            connection.pipeline().fireUserEventTriggered(RequestHandler.DRAIN);
        }
        listener = null;
        connections = null;
        current = null;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
