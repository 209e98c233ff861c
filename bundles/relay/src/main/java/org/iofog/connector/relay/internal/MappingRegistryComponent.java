package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.iofog.connector.api.transport.RelayTransport;
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
 * Publishes the {@link MappingRegistry}: starts the relay on the available transport, restores the
 * persisted mappings, and closes every listener and connection when it stops (bundle stop, feature
 * uninstall), keeping the mappings file for the next start.
 *
 * <p>Dev mode and the TLS context are read for every new connection, so switching {@code dev} or
 * loading a new certificate applies to new connections at once, on the same ports.
 */
@Component(service = MappingRegistry.class, immediate = true)
public class MappingRegistryComponent implements MappingRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MappingRegistryComponent.class);

    private final PortAllocator ports;
    private final RelayTransport transport;
    private final RelaySettingsProvider relaySettings;
    private final ConnectorSettingsProvider connectorSettings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TlsContextProvider tls;

    private RelayEngine engine;
    private MappingRegistryImpl registry;

    @Activate
    public MappingRegistryComponent(@Reference PortAllocator ports, @Reference RelayTransport transport,
                                    @Reference RelaySettingsProvider relaySettings,
                                    @Reference ConnectorSettingsProvider connectorSettings) {
        this.ports = ports;
        this.transport = transport;
        this.relaySettings = relaySettings;
        this.connectorSettings = connectorSettings;
    }

    @Activate
    void activate() throws IOException {
        engine = new RelayEngine(transport, Runtime.getRuntime().availableProcessors(), relaySettings::current,
                this::tlsForNewConnection, new AuthThrottle());
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
        LOG.info("Relay started on the {} transport, mappings kept in {}", transport.name(), file);
    }

    @Deactivate
    void deactivate() {
        registry.closeAll();
        engine.shutdown();
        LOG.info("Relay stopped: every listener and connection closed");
    }

    private Optional<SslContext> tlsForNewConnection() {
        if (connectorSettings.current().dev()) {
            return Optional.empty();
        }
        TlsContextProvider provider = tls;
        if (provider == null) {
            throw new IllegalStateException("TLS is required (dev = false in etc/org.iofog.connector.cfg) but no"
                    + " TLS context provider is installed");
        }
        return Optional.of(provider.serverContext(TlsEndpoint.RELAY).orElseThrow(() -> new IllegalStateException(
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
