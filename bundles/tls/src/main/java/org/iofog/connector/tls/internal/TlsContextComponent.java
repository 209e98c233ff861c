package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.settings.ConnectorFolder;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettingsProvider;
import org.iofog.connector.api.tls.CertificateGenerator;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the TLS contexts and the self-signed generator, configured by its own PID
 * {@code org.iofog.connector.tls}, whose settings it also publishes as {@link TlsSettingsProvider} for the
 * shell. A new configuration is applied in place by {@code @Modified} and the connector settings reference
 * follows updates ({@code updated}), so a new certificate path, engine or dev-mode switch never re-creates the
 * component or unregisters the service the relay and REST API hold.
 */
@Component(configurationPid = TlsSettings.PID,
        service = {TlsContextProvider.class, CertificateGenerator.class, TlsSettingsProvider.class}, immediate = true)
@Designate(ocd = TlsConfiguration.Config.class)
public class TlsContextComponent implements TlsContextProvider, CertificateGenerator, TlsSettingsProvider {

    /** Editors write a file in several steps; read it once it has been still for this long. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(500);
    /** Besides file system notifications, look at the files this often. */
    private static final Duration LOOK_INTERVAL = Duration.ofSeconds(5);
    /** Where the old daemon kept its pair, used when its certificate is there and no file is configured. */
    private static final Path LEGACY_DIRECTORY = Path.of("/etc/iofog-connector");

    private final TlsContextKeeper keeper = new TlsContextKeeper(Clock.systemUTC(), QUIET_PERIOD, LOOK_INTERVAL);
    private final LastGoodSettings<TlsConfiguration.Config, TlsSettings> settings;
    private volatile ConnectorSettingsProvider connectorSettings;
    private volatile boolean active;

    /** The connector's folder is known before the first configuration is read: relative paths need it. */
    @Activate
    public TlsContextComponent(@Reference(name = "connectorFolder") ConnectorFolder folder) {
        settings = new TlsConfiguration(LEGACY_DIRECTORY, folder).lastGood(TlsContextComponent.class);
    }

    @Reference(name = "connectorSettings", updated = "updatedConnectorSettings")
    void bindConnectorSettings(ConnectorSettingsProvider provider) {
        connectorSettings = provider;
    }

    void updatedConnectorSettings(ConnectorSettingsProvider provider) {
        connectorSettings = provider;
        apply();
    }

    /** The raw properties let booleans and numbers be read strictly, as for every PID of the connector. */
    @Activate
    @Modified
    void configure(TlsConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
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
            keeper.configure(settings.current(), connectorSettings.current());
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
    public Optional<String> certificateProblem() {
        return keeper.certificateProblem();
    }

    @Override
    public TlsSettings current() {
        return settings.current();
    }

    /** Why the latest configuration was rejected (the certificate's own trouble is {@link #certificateProblem()}). */
    @Override
    public Optional<String> problem() {
        return settings.problem();
    }

    @Override
    public CertificateInfo generateSelfSigned(boolean overwrite) throws IOException {
        return keeper.generateSelfSigned(overwrite);
    }
}
