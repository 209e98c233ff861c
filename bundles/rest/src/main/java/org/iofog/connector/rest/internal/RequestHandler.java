package org.iofog.connector.rest.internal;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.iofog.connector.support.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection's requests: checks what can be checked on the event loop (well-formed, a method
 * and path of the route table, the bearer token and client certificate when required, the content type
 * the route accepts), then runs the route's endpoint on a worker thread, because adding a mapping waits for the mappings file to reach
 * the disk and concurrent adds share that wait (group commit) only when they run concurrently.
 *
 * <p>Requests of one connection are answered one at a time and in order (HTTP pipelining); while one
 * runs the connection is not read, which bounds what a client can queue.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    /** Sent through the pipeline when the listener closes: finish the request in flight, then close. */
    static final Object DRAIN = new Object();
    /** How long an idle connection of a moved listener stays open for a request already on its way. */
    static final long DRAIN_GRACE_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final Api api;
    private final Executor workers;
    private final ObjectMapper json;
    private final RequestPolicy policy;
    private final RequestProgress progress;
    private final Queue<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean busy;
    private boolean draining;

    RequestHandler(Api api, Executor workers, ObjectMapper json, RequestPolicy policy, RequestProgress progress) {
        this.api = api;
        this.workers = workers;
        this.json = json;
        this.policy = policy;
        this.progress = progress;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(message);
            return;
        }
        if (busy) {
            queued.add(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        start(ctx, request);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == DRAIN) {
            // The listener moved: answer what has arrived or is arriving, then close. An idle connection
            // gets a moment first: bytes of a request may be on their way though not read yet.
            draining = true;
            ctx.executor().schedule(() -> {
                if (!busy && !progress.receiving()) {
                    ctx.close();
                }
            }, DRAIN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } else if (event == ChannelInputShutdownEvent.INSTANCE) {
            // The client sent all it will: answer a complete request in flight; a partial one never completes.
            draining = true;
            if (!busy) {
                ctx.close();
            }
        } else if (event instanceof IdleStateEvent) {
            // Nothing read for a while: a client that went quiet mid-request, or an idle keep-alive.
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queued.forEach(FullHttpRequest::release);
        queued.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets, TLS failures and the like: one client's trouble, not the server's.
        LOG.debug("REST connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        String path = path(request);
        Caller caller = new Caller(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(),
                request.headers().get("X-Forwarded-For"));
        Route route;
        FormBody form;
        try {
            route = admit(ctx, request, path);
            form = FormBody.parse(request.content());
        } catch (ApiException e) {
            finish(ctx, ApiResponse.error(e), keepAlive);
            return;
        } catch (RuntimeException e) {
            finish(ctx, internalError(request, e), keepAlive);
            return;
        } finally {
            request.release();
        }
        try {
            workers.execute(() -> {
                ApiResponse response = run(route, path, form, caller);
                ctx.executor().execute(() -> finish(ctx, response, keepAlive));
            });
        } catch (RejectedExecutionException e) {
            finish(ctx, ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the connector is busy; try again"), keepAlive);
        }
    }

    /** The route of a request that may be served, checked before its body is read; or why it may not. */
    private Route admit(ChannelHandlerContext ctx, FullHttpRequest request, String path) throws ApiException {
        if (request.decoderResult().isFailure()) {
            throw ApiException.badRequest("malformed HTTP request (" + request.decoderResult().cause().getMessage()
                    + ")");
        }
        Route route = api.route(request.method(), path);
        String token = policy.apiToken();
        if (!token.isEmpty() && !bearerMatches(request.headers().get(HttpHeaderNames.AUTHORIZATION), token)) {
            throw ApiException.unauthorized(
                    "this connector requires an API token: send \"Authorization: Bearer <api.token>\"");
        }
        if (policy.clientCertificateRequired() && !hasVerifiedClientCertificate(ctx)) {
            throw ApiException.unauthorized(
                    "this connector requires a client certificate issued by one of its trusted issuers");
        }
        route.checkContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        return route;
    }

    private ApiResponse run(Route route, String path, FormBody form, Caller caller) {
        try {
            return route.answer(form, caller);
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (RuntimeException | LinkageError e) {
            // Answer even then: a client left without an answer would wait until its own timeout.
            LOG.error("REST request {} from {} failed unexpectedly", path, caller.address(), e);
            return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "internal error; the connector's log has the details");
        }
    }

    private static ApiResponse internalError(FullHttpRequest request, RuntimeException e) {
        LOG.error("REST request {} {} failed unexpectedly", request.method(), request.uri(), e);
        return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "internal error; the connector's log has the details");
    }

    /** Writes the answer, then takes the next queued request or resumes reading. On the event loop. */
    private void finish(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        // When the listener has moved, requests already received (queued or arriving) are still answered;
        // the connection closes after the last of them.
        boolean close = !keepAlive || draining && queued.isEmpty() && !progress.receiving();
        var future = ctx.writeAndFlush(response.toHttp(json, close));
        if (response.afterSent() != null) {
            future.addListener(done -> response.afterSent().run());
        }
        if (close) {
            future.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        busy = false;
        FullHttpRequest next = queued.poll();
        if (next != null) {
            start(ctx, next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static String path(FullHttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static boolean bearerMatches(String header, String token) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return Secrets.same(token, header.substring(7).strip());
    }

    private static boolean hasVerifiedClientCertificate(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return false;
        }
        try {
            return tls.engine().getSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }
}
