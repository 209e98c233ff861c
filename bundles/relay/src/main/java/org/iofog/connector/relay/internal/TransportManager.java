package org.iofog.connector.relay.internal;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which transport the relay runs on: follows the transports present and the transport settings, and moves
 * every port to the chosen transport while the relay runs ({@link RelayEngine#switchTo}), the previous one
 * draining. Changes are acted on one at a time, after a short settle, off the threads that report them.
 */
final class TransportManager {

    private static final Logger LOG = LoggerFactory.getLogger(TransportManager.class);

    /**
     * How long a change waits before the relay acts on it, so that changes arriving together make one move:
     * one feature:install of both native transports registers io_uring and epoll a few milliseconds apart,
     * which moved the relay twice (nio to io_uring to epoll).
     */
    static final long SWAP_SETTLE_MS = 250;

    private final Supplier<TransportSettings> settings;
    private final TransportChoice transports = new TransportChoice();
    /** Swaps run here one at a time, off the OSGi threads that report service and configuration changes. */
    private final ScheduledExecutorService swapper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "relay-transport-swap");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean swapPending = new AtomicBoolean();
    private volatile boolean active;
    private RelayEngine engine;
    private BooleanSupplier shuttingDown;

    TransportManager(Supplier<TransportSettings> settings) {
        this.settings = settings;
    }

    /** A transport service arrived, or was ranked anew by its own configuration. */
    void add(TransportChoice.Candidate candidate) {
        transports.remove(candidate.transport());
        transports.add(candidate);
        reconsider();
    }

    void remove(RelayTransport transport) {
        transports.remove(transport);
        reconsider();
    }

    /** The transport settings changed: with another transport or thread count the relay moves. */
    void settingsChanged() {
        reconsider();
    }

    /**
     * Puts the engine on the transport chosen now, and from then on follows changes.
     *
     * @param shuttingDown true while the framework stops: transports then go before the relay, and moving the
     *                     ports to the next best is wasted work
     * @return the transport the relay starts on
     */
    RelayTransport start(RelayEngine engine, BooleanSupplier shuttingDown) {
        this.engine = engine;
        this.shuttingDown = shuttingDown;
        RelayTransport first = transports.choose(settings.get().transport());
        engine.switchTo(first);
        warnIfNotWhatWasAsked(first);
        active = true;
        // A transport that arrived meanwhile is taken now.
        reconsider();
        return first;
    }

    /** Stops following changes; a swap under way finishes first. */
    void stop() {
        active = false;
        swapper.shutdownNow();
        try {
            swapper.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    TransportStatus status() {
        return engine.status(transports.available());
    }

    /** Moves the relay to the transport the settings and the services present now call for, if it changed. */
    private void reconsider() {
        if (!active) {
            return;
        }
        if (!swapPending.compareAndSet(false, true)) {
            return; // the pending swap reads the state as it is when it runs
        }
        try {
            swapper.schedule(() -> {
                swapPending.set(false);
                swapIfChosenChanged();
            }, SWAP_SETTLE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // Stopping: the relay closes anyway.
        }
    }

    private void swapIfChosenChanged() {
        if (!active || shuttingDown.getAsBoolean()) {
            return;
        }
        TransportSettings wanted = settings.get();
        RelayTransport chosen = transports.choose(wanted.transport());
        if (chosen == null || engine.runsWith(chosen, wanted)) {
            return;
        }
        RelayEngine.SwapResult result = engine.switchTo(chosen);
        LOG.info("Relay moved from the {} to the {} transport ({} I/O threads): {} listening ports moved; {} open"
                        + " connections finish on {} (closed after {} s at the latest)", result.from(), chosen.name(),
                wanted.effectiveIoThreads(), result.moved(), result.connections(), result.from(),
                wanted.drainDeadline().toSeconds());
        if (result.stuck() > 0) {
            LOG.error("{} listening ports could not move to the {} transport and stay on {}", result.stuck(),
                    chosen.name(), result.from());
        }
        if (result.moved() > 0 && KernelHandover.migratesQueuedConnections().orElse(true) == Boolean.FALSE) {
            LOG.warn("A connection that reached an old listening socket in the instant it closed may have been"
                    + " reset: set net.ipv4.tcp_migrate_req = 1 (Linux 5.14+) so that the kernel hands such"
                    + " connections to the new one");
        }
        warnIfNotWhatWasAsked(chosen);
    }

    private void warnIfNotWhatWasAsked(RelayTransport running) {
        String asked = settings.get().transport();
        if (!TransportSettings.AUTO.equals(asked) && !asked.equals(running.name())) {
            List<String> available = transports.available();
            LOG.warn("Relay transport {} is configured in etc/{}.cfg but not present (available: {}); running on {}",
                    asked, TransportSettings.PID, available, running.name());
        }
    }
}
