package org.iofog.connector.rest.internal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.iofog.connector.api.group.ConnectorGroup;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.rest.RestListenerStatus;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.api.settings.RestSettingsProvider;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.iofog.connector.support.Versions;
import org.iofog.connector.support.settings.BindAddressCheck;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
 * Runs the REST API v2: plain HTTP on {@code http.port} in dev mode, HTTPS on {@code https.port}
 * otherwise. It owns PID {@code org.iofog.connector.rest} (also published as {@link RestSettingsProvider} for
 * the shell): a new configuration is applied in place by {@code @Modified}, and the connector settings
 * reference follows updates, so a new port, bind address or dev mode moves the listener without restarting
 * the bundle. The TLS provider is optional and dynamic, and is asked for a context at every new HTTPS
 * connection.
 */
@Component(configurationPid = RestSettings.PID, immediate = true,
        service = {RestListenerStatus.class, RestSettingsProvider.class})
@Designate(ocd = RestConfiguration.Config.class)
public class RestServerComponent implements RestListenerStatus, RestSettingsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RestServerComponent.class);

    private final BundleContext bundleContext;
    private final MappingRegistry registry;
    private final RelayCountersProvider counters;
    private final PortAllocator ports;
    private final LastGoodSettings<RestConfiguration.Config, RestSettings> settings =
            new RestConfiguration(BindAddressCheck.system()).lastGood(RestServerComponent.class);
    private volatile ConnectorSettingsProvider connectorSettings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TlsContextProvider tls;

    /** The connector group, when its bundle is installed; without it the group is off. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConnectorGroup group;

    private volatile RestServer server;

    @Activate
    public RestServerComponent(BundleContext bundleContext, @Reference MappingRegistry registry,
                               @Reference PortAllocator ports, @Reference RelayCountersProvider counters) {
        this.counters = counters;
        this.bundleContext = bundleContext;
        this.registry = registry;
        this.ports = ports;
    }

    @Reference(name = "connectorSettings", updated = "updatedConnectorSettings")
    void bindConnectorSettings(ConnectorSettingsProvider provider) {
        connectorSettings = provider;
    }

    void updatedConnectorSettings(ConnectorSettingsProvider provider) {
        connectorSettings = provider;
        listen();
    }

    @Activate
    void activate(RestConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
        ObjectMapper json = new ObjectMapper();
        Api api = new Api(registry, ports, counters, () -> connectorSettings.current(), () -> settings.current(),
                new MappingRequest(json), this::groupStatus, version(), this::stopContainer);
        server = new RestServer(api, json, policy(), () -> settings.current().maxBodyBytes(), this::httpsContext);
        listen();
    }

    /** The raw properties let booleans and numbers be read strictly, as for every PID of the connector. */
    @Modified
    void configure(RestConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
        listen();
    }

    @Override
    public RestSettings current() {
        return settings.current();
    }

    @Override
    public Optional<String> problem() {
        return settings.problem();
    }

    @Deactivate
    void deactivate() {
        RestServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Where the REST API actually listens now (the bound socket, not the configuration), or empty while
     * nothing listens: after a failed bind, during a retry, or when not active. For the shell's status.
     */
    @Override
    public Optional<InetSocketAddress> listening() {
        RestServer running = server;
        return running == null ? Optional.empty() : running.address();
    }

    private void listen() {
        RestServer running = server;
        if (running == null) {
            return;
        }
        RestSettings rest = settings.current();
        boolean dev = connectorSettings.current().dev();
        running.listen(new RestServer.Listening(rest.bindAddress(), rest.port(dev), !dev));
    }

    private GroupStatus groupStatus() {
        ConnectorGroup present = group;
        return present == null ? GroupStatus.off() : present.status();
    }

    private RequestPolicy policy() {
        return new RequestPolicy() {
            @Override
            public String apiToken() {
                return settings.current().apiToken();
            }

            @Override
            public boolean clientCertificateRequired() {
                TlsContextProvider provider = tls;
                return provider != null && !connectorSettings.current().dev()
                        && provider.clientCertificateRequired(TlsEndpoint.REST);
            }
        };
    }

    private Optional<SslContext> httpsContext(Channel channel) {
        TlsContextProvider provider = tls;
        Optional<SslContext> context = provider == null ? Optional.empty() : provider.serverContext(TlsEndpoint.REST);
        if (context.isEmpty()) {
            LOG.error("HTTPS connection from {} refused: TLS is required (dev = false in etc/org.iofog.connector.cfg)"
                    + " but {}", channel.remoteAddress(), provider == null ? "no TLS context provider is installed"
                    : "no certificate is loaded: " + provider.certificateProblem().orElse("see etc/org.iofog.connector.tls.cfg"));
        }
        return context;
    }

    /** Stops the whole container, as the old daemon's {@code stop} ended its process. */
    private void stopContainer() {
        LOG.info("Stopping on request of the command line (commandline stop)");
        Thread stopper = new Thread(() -> {
            try {
                bundleContext.getBundle(0).stop();
            } catch (BundleException e) {
                LOG.error("Cannot stop the container: {}", e.getMessage());
            }
        }, "connector-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private static String version() {
        return Versions.of(RestServerComponent.class);
    }
}
