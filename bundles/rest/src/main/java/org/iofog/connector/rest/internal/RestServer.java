package org.iofog.connector.rest.internal;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * or mode without dropping requests in flight.
 *
 * <p>Exactly the configured listener exists, or none: every change of the listener runs on one
 * dedicated thread ({@code rest-bind}), never on a Netty event loop, because binding and closing are
 * awaited there. The new socket is bound beside the old one first, so requests keep being accepted
 * during a move. Linux refuses that when both want the same port and one of them is the wildcard
 * address, or both the same address (SO_REUSEADDR only covers TIME_WAIT; SO_REUSEPORT would allow it,
 * but also lets any process of the same user share the port, and hides a listener left behind, so it is
 * not used). Then the old socket is closed first and the new one bound. If the wanted listener cannot
 * be bound at all, the old one is closed anyway (it listens where the configuration no longer says, for
 * instance on every interface) and the bind is retried with back-off until it succeeds or something
 * else is wanted.
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
    private static final int RELEASE_TRIES = 20;
    private static final long RELEASE_PAUSE_MILLIS = 25;
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long MAX_RETRY_MILLIS = 10_000;

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
    /** The only thread that binds, closes or retries; its queue orders the changes. */
    private final ScheduledExecutorService binder = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("rest-bind", true));

    /** The latest wish; null once closed. Written by callers, read by the binder thread. */
    private volatile Listening wanted;
    /** The socket that listens now, if any. Written only by the binder thread. */
    private volatile BoundListener current;

    // Touched only by the binder thread.
    private final Backoff backoff = new Backoff(FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
    private Listening failing;
    private String failureLogged;
    private ScheduledFuture<?> retry;

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
     * Listens as wanted, and waits until the binder thread has tried. On failure (port taken, no
     * permission) the error is logged, no listener is left (a stale one would listen where the
     * configuration no longer says) and the bind is tried again in the background. Must not be called on
     * a Netty event loop.
     *
     * @return whether the wanted listener is in place
     */
    boolean listen(Listening wanted) {
        this.wanted = wanted;
        try {
            binder.submit(this::reconcileLogged).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | RejectedExecutionException e) {
            // reconcileLogged catches everything; rejected means closed.
            return false;
        }
        BoundListener now = current;
        return now != null && now.listening().equals(wanted) && now.isActive();
    }

    /** The address the current listener is actually bound to; empty while none listens. */
    Optional<InetSocketAddress> address() {
        BoundListener now = current;
        return now == null ? Optional.empty() : now.address();
    }

    @Override
    public void close() {
        wanted = null;
        try {
            binder.submit(this::reconcileLogged).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Closing the REST listener failed", e);
        }
        binder.shutdownNow();
        workers.shutdown();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task of the binder thread: an exception here must be seen, not kept in a future nobody reads. */
    private void reconcileLogged() {
        try {
            reconcile();
        } catch (RuntimeException | Error e) {
            LOG.error("Moving the REST listener failed", e);
            // Whatever it left behind is not known to be what is wanted; keep trying.
            scheduleRetry();
        }
    }

    /** Makes the listening socket match {@link #wanted}. Binder thread only. */
    private void reconcile() {
        Listening target = wanted;
        BoundListener old = current;
        if (target == null) {
            cancelRetry();
            closeCurrent();
            return;
        }
        if (old != null && old.listening().equals(target) && old.isActive()) {
            settled();
            return;
        }
        Attempt attempt = bind(target);
        if (!attempt.succeeded() && old != null) {
            // Most likely the kernel refuses the new socket beside the old one (same port, see the class
            // comment): free the port, then bind. Requests are refused for that moment.
            LOG.debug("REST API cannot listen on {} beside {}: {}; closing that one first", target.url(),
                    old.listening().url(), describe(attempt.bound().cause()));
            closeCurrent();
            attempt = bindOnceFreed(target);
        }
        // The old listener is closed either way: after a success it is replaced, after a failure it is
        // the wrong one.
        closeCurrent();
        if (attempt.succeeded()) {
            current = new BoundListener(target, attempt.bound().channel(), attempt.connections());
            LOG.info("REST API listening on {}{}", target.url(), !target.equals(failing) ? ""
                    : " after " + backoff.failures() + " failed attempts");
            settled();
        } else {
            failed(target, attempt.bound().cause());
        }
    }

    /** One try to bind: the awaited future, and the group its connections will join. */
    private record Attempt(ChannelFuture bound, ChannelGroup connections) {

        boolean succeeded() {
            return bound.isSuccess();
        }
    }

    /**
     * Binds right after the old socket on that port was closed. Netty reports a NIO listener closed
     * before the JDK lets go of its port: that happens when the event loop's selector next flushes its
     * cancelled keys, a moment later. So "address in use" is tried again a few times at once, rather than
     * failing the move and waiting for the back-off.
     */
    private Attempt bindOnceFreed(Listening target) {
        Attempt attempt = bind(target);
        for (int i = 0; i < RELEASE_TRIES && !attempt.succeeded() && attempt.bound().cause() instanceof BindException;
             i++) {
            try {
                Thread.sleep(RELEASE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            attempt = bind(target);
        }
        return attempt;
    }

    private Attempt bind(Listening target) {
        ChannelGroup group = new DefaultChannelGroup("rest " + target.url(), GlobalEventExecutor.INSTANCE);
        ChannelFuture bound = bootstrap(target, group).bind(new InetSocketAddress(target.host(), target.port()));
        return new Attempt(bound.awaitUninterruptibly(), group);
    }

    private void settled() {
        cancelRetry();
        backoff.reset();
        failing = null;
        failureLogged = null;
    }

    /** Logs a failure once per listener and cause, not once per retry, and schedules the next try. */
    private void failed(Listening target, Throwable cause) {
        if (!target.equals(failing)) {
            // Something new is wanted: its retries start quick again.
            failing = target;
            failureLogged = null;
            backoff.reset();
            cancelRetry();
        }
        String why = describe(cause);
        if (!why.equals(failureLogged)) {
            failureLogged = why;
            LOG.error("The REST API cannot listen on {}: {}{}; retrying in the background", target.url(), why,
                    target.port() < 1024 ? " (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability; or"
                            + " choose another port in etc/org.iofog.connector.rest.cfg)" : "");
        } else {
            LOG.debug("The REST API still cannot listen on {}: {}", target.url(), why);
        }
        scheduleRetry();
    }

    private void scheduleRetry() {
        if ((retry != null && !retry.isDone()) || binder.isShutdown()) {
            return;
        }
        try {
            retry = binder.schedule(() -> {
                retry = null;
                reconcileLogged();
            }, backoff.failed(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing is wanted any more.
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
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

    /** Closes the listener, if any; its connections finish the request in flight, then close. */
    private void closeCurrent() {
        BoundListener old = current;
        if (old == null) {
            return;
        }
        current = null;
        old.close();
        LOG.info("REST API no longer listening on {}", old.listening().url());
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
