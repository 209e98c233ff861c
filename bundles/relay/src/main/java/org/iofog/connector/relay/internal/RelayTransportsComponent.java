package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.api.transport.TransportSelection;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.iofog.connector.relay.internal.TlsPolicy.RelayTls;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's sockets and the transport they run on: starts the {@link RelayEngine} on the chosen transport,
 * moves it when the transports present or the transport settings call for another one
 * ({@link TransportManager}), publishes the transport status, and stops every event loop when it stops. The
 * mapping registry opens its listeners on this engine, so it stops first.
 *
 * <p>It owns PID {@code org.iofog.connector.transport}: a new configuration is applied in place by
 * {@code @Modified}; the settings are published as {@link TransportSettingsProvider} for the shell, and a choice of
 * transport is stored through {@link TransportSelection}, since the owner of a configuration is the one that
 * writes it.
 *
 * <p>Dev mode and the TLS context are read for every new connection, so switching {@code dev} or loading a new
 * certificate applies to new connections at once, on the same ports.
 */
@Component(configurationPid = TransportSettings.PID, immediate = true, service = {TransportStatusProvider.class,
        RelaySockets.class, TransportSettingsProvider.class, TransportSelection.class})
@Designate(ocd = TransportConfiguration.Config.class)
public class RelayTransportsComponent
        implements TransportStatusProvider, RelaySockets, TransportSettingsProvider, TransportSelection {

    private static final Logger LOG = LoggerFactory.getLogger(RelayTransportsComponent.class);

    private final RelaySettingsProvider relaySettings;
    private final ConnectorSettingsProvider connectorSettings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TlsContextProvider tls;

    /** Optional, so that the relay runs whether or not a choice can be stored. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configurationAdmin;

    private final LastGoodSettings<TransportConfiguration.Config, TransportSettings> settings =
            TransportConfiguration.lastGood(RelayTransportsComponent.class);
    private final TransportManager transports = new TransportManager(settings::current);
    private RelayEngine engine;

    @Activate
    public RelayTransportsComponent(@Reference RelaySettingsProvider relaySettings,
                                    @Reference ConnectorSettingsProvider connectorSettings) {
        this.relaySettings = relaySettings;
        this.connectorSettings = connectorSettings;
    }

    @Reference(name = "transport", service = RelayTransport.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + RelayTransport.NAME_PROPERTY + "=*)", updated = "rankTransport")
    void addTransport(RelayTransport transport, Map<String, Object> properties) {
        transports.add(candidate(transport, properties));
    }

    /** A transport ranked anew by its own configuration: with {@code auto} the relay may move. */
    void rankTransport(RelayTransport transport, Map<String, Object> properties) {
        transports.add(candidate(transport, properties));
    }

    private static TransportChoice.Candidate candidate(RelayTransport transport, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new TransportChoice.Candidate(transport, ranking instanceof Integer i ? i : 0,
                (Long) properties.get(Constants.SERVICE_ID));
    }

    void removeTransport(RelayTransport transport) {
        transports.remove(transport);
    }

    @Activate
    void activate(TransportConfiguration.Config config, Map<String, Object> properties, BundleContext context) {
        settings.apply(config, properties);
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        engine = new RelayEngine(relaySettings::current, settings::current, this::tlsForNewConnection,
                () -> connectorSettings.current().dev(), new AuthThrottle());
        transports.start(engine, () -> framework.getState() == Bundle.STOPPING);
    }

    /** The raw properties let booleans and numbers be read strictly, as for every PID of the connector. */
    @Modified
    void configure(TransportConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
        transports.settingsChanged();
    }

    @Override
    public TransportSettings current() {
        return settings.current();
    }

    @Override
    public Optional<String> problem() {
        return settings.problem();
    }

    @Override
    public String select(String name) throws IOException {
        return TransportChoiceWriter.write(configurationAdmin, name);
    }

    @Deactivate
    void deactivate() {
        transports.stop();
        engine.shutdown();
        LOG.info("Relay stopped: every listener and connection closed");
    }

    @Override
    public RelayEngine engine() {
        return engine;
    }

    @Override
    public TransportStatus transportStatus() {
        return transports.status();
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
                        + provider.certificateProblem().orElse("see etc/org.iofog.connector.tls.cfg"))));
    }
}
