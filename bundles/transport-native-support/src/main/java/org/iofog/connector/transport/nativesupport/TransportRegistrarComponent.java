package org.iofog.connector.transport.nativesupport;

import java.util.Map;

import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registrar of every transport bundle: its component extends this with the transport it registers and
 * declares the transport's own configuration ({@code org.iofog.connector.transport.<name>}), whose
 * {@value #RANKING} becomes the service's ranking, also while the transport runs. The component provides no
 * service itself: the transport service is registered only where the transport can run.
 *
 * <p>The transport bundles build with bnd's {@code -dsannotations-options: inherit}, so that the lifecycle
 * methods below belong to each bundle's component. The capability declared here tells Karaf's resolver that
 * the bundle provides the transport service, which DS cannot declare for a service registered by hand.
 */
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"org.iofog.connector.api.transport.RelayTransport\"",
        uses = RelayTransport.class)
public abstract class TransportRegistrarComponent {

    /** The property of a transport's own configuration that ranks it. */
    public static final String RANKING = "ranking";
    /** What each transport's metatype says of {@value #RANKING}. */
    public static final String RANKING_DESCRIPTION = "With transport = auto the relay runs on the present transport"
            + " ranked highest (epoll 20, io_uring 10, nio 0 unless configured); a change applies while running";

    private static final Logger LOG = LoggerFactory.getLogger(TransportRegistrarComponent.class);

    private final NativeTransport transport;
    private final NativeTransportRegistrar registrar;

    protected TransportRegistrarComponent(NativeTransport transport) {
        this.transport = transport;
        this.registrar = new NativeTransportRegistrar(transport);
    }

    @Activate
    protected void activate(BundleContext context, Map<String, Object> properties) {
        registrar.rank(ranking(properties));
        registrar.register(context);
    }

    @Modified
    protected void modified(Map<String, Object> properties) {
        registrar.rank(ranking(properties));
    }

    @Deactivate
    protected void deactivate() {
        registrar.unregister();
    }

    /** The configured ranking; without one the transport's own; a value that is no whole number keeps the last. */
    int ranking(Map<String, Object> properties) {
        Object value = properties.get(RANKING);
        if (value == null) {
            return transport.ranking();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).intValue();
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            LOG.error("Configuration org.iofog.connector.transport.{} rejected: {}: \"{}\" is not a whole number."
                    + " Keeping ranking {}", transport.name(), RANKING, value, registrar.ranking());
            return registrar.ranking();
        }
    }
}
