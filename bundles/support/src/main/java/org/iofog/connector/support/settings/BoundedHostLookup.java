package org.iofog.connector.support.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The system's name resolution, given up after a time limit.
 *
 * <p>Settings are validated on the Declarative Services thread that delivers the configuration; an
 * unreachable DNS server would otherwise hold it (and every other component's configuration) for the
 * resolver's full retry time. {@code InetAddress} lookups cannot be interrupted, so the lookup runs on a
 * daemon thread of its own that is simply left behind when the time is up; lookups happen only when a
 * configuration changes, so such threads stay rare.
 */
public final class BoundedHostLookup implements HostLookup {

    private final Duration limit;

    public BoundedHostLookup(Duration limit) {
        this.limit = limit;
    }

    @Override
    public InetAddress[] resolve(String hostName) throws UnknownHostException {
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                lookup.complete(InetAddress.getAllByName(hostName));
            } catch (UnknownHostException | RuntimeException e) {
                lookup.completeExceptionally(e);
            }
        }, "iofog-connector host lookup " + hostName);
        thread.setDaemon(true);
        thread.start();
        try {
            return lookup.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UnknownHostException("not resolved within " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException("lookup interrupted");
        } catch (ExecutionException e) {
            String reason = e.getCause().getMessage();
            throw new UnknownHostException(reason == null ? "unknown host" : reason);
        }
    }
}
