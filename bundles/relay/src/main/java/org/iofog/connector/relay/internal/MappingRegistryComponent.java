package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.legacy.LegacyImportResult;
import org.iofog.connector.api.legacy.LegacyMappingsImport;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.iofog.connector.relay.internal.TlsPolicy.RelayTls;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link MappingRegistry}: starts the relay on the chosen transport, restores the
 * persisted mappings, and closes every listener and connection when it stops (bundle stop, feature
 * uninstall), keeping the mappings file for the next start.
 *
 * <p>Dev mode and the TLS context are read for every new connection, so switching {@code dev} or
 * loading a new certificate applies to new connections at once, on the same ports. The transport
 * follows its configuration and the transports present: when the choice changes, every port moves
 * to the new transport while the relay runs (see {@link RelayEngine#switchTo}).
 */
@Component(service = {MappingRegistry.class, TransportStatusProvider.class, RelayCountersProvider.class,
        LegacyMappingsImport.class}, immediate = true)
public class MappingRegistryComponent implements MappingRegistry, TransportStatusProvider, RelayCountersProvider,
        LegacyMappingsImport {

    private static final Logger LOG = LoggerFactory.getLogger(MappingRegistryComponent.class);

    private final PortAllocator ports;
    private final RelaySettingsProvider relaySettings;
    private final ConnectorSettingsProvider connectorSettings;
    private final TransportChoice transports = new TransportChoice();
    /**
     * How long a change waits before the relay acts on it, so that changes arriving together make one move:
     * one feature:install of both native transports registers io_uring and epoll a few milliseconds apart,
     * which moved the relay twice (nio to io_uring to epoll).
     */
    static final long SWAP_SETTLE_MS = 250;

    /** Swaps run here one at a time, off the OSGi threads that report service and configuration changes. */
    private final ScheduledExecutorService swapper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "relay-transport-swap");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean swapPending = new AtomicBoolean();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TlsContextProvider tls;

    private volatile TransportSettingsProvider transportSettings;
    private volatile boolean active;
    private Bundle framework;
    private RelayEngine engine;
    private MappingRegistryImpl registry;

    @Activate
    public MappingRegistryComponent(@Reference PortAllocator ports, @Reference RelaySettingsProvider relaySettings,
                                    @Reference ConnectorSettingsProvider connectorSettings) {
        this.ports = ports;
        this.relaySettings = relaySettings;
        this.connectorSettings = connectorSettings;
    }

    @Reference(name = "transport", service = RelayTransport.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + RelayTransport.NAME_PROPERTY + "=*)", updated = "rankTransport")
    void addTransport(RelayTransport transport, Map<String, Object> properties) {
        transports.add(candidate(transport, properties));
        reconsider();
    }

    /** A transport ranked anew by its own configuration: with {@code auto} the relay may move. */
    void rankTransport(RelayTransport transport, Map<String, Object> properties) {
        transports.remove(transport);
        transports.add(candidate(transport, properties));
        reconsider();
    }

    private static TransportChoice.Candidate candidate(RelayTransport transport, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new TransportChoice.Candidate(transport, ranking instanceof Integer i ? i : 0,
                (Long) properties.get(Constants.SERVICE_ID));
    }

    void removeTransport(RelayTransport transport) {
        transports.remove(transport);
        reconsider();
    }

    @Reference(name = "transportSettings", updated = "updatedTransportSettings")
    void bindTransportSettings(TransportSettingsProvider provider) {
        transportSettings = provider;
    }

    void updatedTransportSettings(TransportSettingsProvider provider) {
        transportSettings = provider;
        reconsider();
    }

    @Activate
    void activate(BundleContext context) throws IOException {
        framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        engine = new RelayEngine(relaySettings::current, () -> transportSettings.current(), this::tlsForNewConnection,
                new AuthThrottle());
        RelayTransport first = transports.choose(transportSettings.current().transport());
        engine.switchTo(first);
        var file = relaySettings.current().mappingsFile();
        registry = new MappingRegistryImpl(engine, ports, file);
        ConnectorSettings connector = connectorSettings.current();
        try {
            registry.restore(connector.legacyImport() ? connector.legacyMappings() : null);
        } catch (IOException e) {
            LOG.error("The relay does not start: the mappings file {} cannot be read ({}). Nothing was changed;"
                    + " fix its permissions or move it away, then restart the relay bundle.", file, e.getMessage());
            engine.shutdown();
            throw e;
        }
        LOG.info("Relay started on the {} transport ({} I/O threads), mappings kept in {}", first.name(),
                transportSettings.current().effectiveIoThreads(), file);
        warnIfNotWhatWasAsked(first);
        active = true;
        // A transport that arrived while the mappings were restored is taken now.
        reconsider();
    }

    @Deactivate
    void deactivate() {
        active = false;
        swapper.shutdownNow();
        try {
            swapper.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.closeAll();
        engine.shutdown();
        LOG.info("Relay stopped: every listener and connection closed");
    }

    @Override
    public LegacyImportResult importMappings(Path configsJson, boolean dryRun) throws IOException {
        return registry.importLegacy(configsJson, dryRun);
    }

    @Override
    public RelayCounters counters() {
        return registry.counters();
    }

    @Override
    public TransportStatus transportStatus() {
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
            // Deactivating: the relay closes anyway.
        }
    }

    private void swapIfChosenChanged() {
        // While Karaf shuts down, transport bundles stop before the relay: moving ports then is wasted work.
        if (!active || framework.getState() == Bundle.STOPPING) {
            return;
        }
        TransportSettings wanted = transportSettings.current();
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
        String asked = transportSettings.current().transport();
        if (!TransportSettings.AUTO.equals(asked) && !asked.equals(running.name())) {
            LOG.warn("Relay transport {} is configured in etc/{}.cfg but not present (available: {}); running on {}",
                    asked, TransportSettings.PID, transports.available(), running.name());
        }
    }

    /**
     * TLS only when dev mode is off. In dev mode plain TCP, and TLS too when a certificate is loaded: the real
     * agent can only dial TLS, so switching dev on must not strand running agents (docs/protocol.md §3).
     */
    private RelayTls tlsForNewConnection() {
        TlsContextProvider provider = tls;
        if (connectorSettings.current().dev()) {
            Optional<SslContext> context = provider == null ? Optional.empty()
                    : provider.serverContext(TlsEndpoint.RELAY);
            return context.map(RelayTls::either).orElse(RelayTls.PLAIN);
        }
        if (provider == null) {
            throw new IllegalStateException("TLS is required (dev = false in etc/org.iofog.connector.cfg) but no"
                    + " TLS context provider is installed");
        }
        return RelayTls.required(provider.serverContext(TlsEndpoint.RELAY).orElseThrow(() -> new IllegalStateException(
                "TLS is required (dev = false in etc/org.iofog.connector.cfg) but no certificate is loaded: "
                        + provider.problem().orElse("see etc/org.iofog.connector.tls.cfg"))));
    }

    @Override
    public Mapping addPublic(PublicPipeSpec spec) throws NoAvailablePortsException, MappingException {
        return registry.addPublic(spec);
    }

    @Override
    public Mapping addPrivate(PrivatePipeSpec spec) throws NoAvailablePortsException, MappingException {
        return registry.addPrivate(spec);
    }

    @Override
    public Mapping addDirect() throws MappingException {
        return registry.addDirect();
    }

    @Override
    public boolean remove(String id) throws MappingException {
        return registry.remove(id);
    }

    @Override
    public Optional<MappingStatus> status(String id) {
        return registry.status(id);
    }

    @Override
    public List<MappingStatus> statuses() {
        return registry.statuses();
    }
}
