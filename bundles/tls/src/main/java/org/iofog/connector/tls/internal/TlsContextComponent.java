package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.TlsSettingsProvider;
import org.iofog.connector.api.tls.CertificateGenerator;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes the TLS contexts and the self-signed generator. Both settings references follow
 * configuration updates in place ({@code updated}), so a new certificate path, engine or dev-mode
 * switch never re-creates the component or unregisters the service the relay and REST API hold.
 */
@Component(service = {TlsContextProvider.class, CertificateGenerator.class}, immediate = true)
public class TlsContextComponent implements TlsContextProvider, CertificateGenerator {

    /** Editors write a file in several steps; read it once it has been still for this long. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(500);
    /** Besides file system notifications, look at the files this often. */
    private static final Duration LOOK_INTERVAL = Duration.ofSeconds(5);

    private final TlsContextKeeper keeper = new TlsContextKeeper(Clock.systemUTC(), QUIET_PERIOD, LOOK_INTERVAL);
    private volatile TlsSettingsProvider tlsSettings;
    private volatile ConnectorSettingsProvider connectorSettings;
    private volatile boolean active;

    @Reference(name = "tlsSettings", updated = "updatedTlsSettings")
    void bindTlsSettings(TlsSettingsProvider provider) {
        tlsSettings = provider;
    }

    void updatedTlsSettings(TlsSettingsProvider provider) {
        tlsSettings = provider;
        apply();
    }

    @Reference(name = "connectorSettings", updated = "updatedConnectorSettings")
    void bindConnectorSettings(ConnectorSettingsProvider provider) {
        connectorSettings = provider;
    }

    void updatedConnectorSettings(ConnectorSettingsProvider provider) {
        connectorSettings = provider;
        apply();
    }

    @Activate
    void activate() {
        active = true;
        apply();
    }

    @Deactivate
    void deactivate() {
        active = false;
        keeper.close();
    }

    private void apply() {
        if (active) {
            keeper.configure(tlsSettings.current(), connectorSettings.current());
        }
    }

    @Override
    public Optional<SslContext> serverContext(TlsEndpoint endpoint) {
        return keeper.serverContext(endpoint);
    }

    @Override
    public boolean clientCertificateRequired(TlsEndpoint endpoint) {
        return keeper.clientCertificateRequired(endpoint);
    }

    @Override
    public String engine() {
        return keeper.engine();
    }

    @Override
    public Optional<CertificateInfo> certificate() {
        return keeper.certificate();
    }

    @Override
    public Optional<String> problem() {
        return keeper.problem();
    }

    @Override
    public CertificateInfo generateSelfSigned(boolean overwrite) throws IOException {
        return keeper.generateSelfSigned(overwrite);
    }
}
