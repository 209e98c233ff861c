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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * shell. That view is a separate object registered by hand: its {@code problem()} (a rejected configuration)
 * is not {@link TlsContextProvider#problem()} (a certificate that cannot be used), so this class cannot be
 * both. A new
 * configuration is applied in place by {@code @Modified} and the connector settings reference follows updates
 * ({@code updated}), so a new certificate path, engine or dev-mode switch never re-creates the component or
 * unregisters the service the relay and REST API hold.
 */
@Component(configurationPid = TlsSettings.PID, service = {TlsContextProvider.class, CertificateGenerator.class},
        immediate = true)
@Designate(ocd = TlsConfiguration.Config.class)
public class TlsContextComponent implements TlsContextProvider, CertificateGenerator {

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
    private ServiceRegistration<TlsSettingsProvider> settingsView;

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

    @Activate
    void activate(TlsConfiguration.Config config, Map<String, Object> properties, BundleContext context) {
        configure(config, properties);
        publishSettings(context);
    }

    /** The raw properties let booleans and numbers be read strictly, as for every PID of the connector. */
    @Modified
    void configure(TlsConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
        active = true;
        apply();
    }

    private void publishSettings(BundleContext context) {
        settingsView = context.registerService(TlsSettingsProvider.class, new TlsSettingsProvider() {
            @Override
            public TlsSettings current() {
                return settings.current();
            }

            @Override
            public Optional<String> problem() {
                return settings.problem();
            }
        }, null);
    }

    @Deactivate
    void deactivate() {
        active = false;
        if (settingsView != null) {
            settingsView.unregister();
            settingsView = null;
        }
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
    public Optional<String> problem() {
        return keeper.problem();
    }

    @Override
    public CertificateInfo generateSelfSigned(boolean overwrite) throws IOException {
        return keeper.generateSelfSigned(overwrite);
    }
}
