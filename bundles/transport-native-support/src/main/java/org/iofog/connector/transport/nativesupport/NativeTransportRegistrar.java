package org.iofog.connector.transport.nativesupport;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.iofog.connector.api.transport.RelayTransport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a relay transport when, and only when, it can run here (a native one when its native library
 * loads; NIO always), ranked as its own configuration says ({@link TransportRegistrarComponent}).
 *
 * <p>A DS component cannot make its own service conditional on a runtime check, so each native
 * transport bundle has a component that provides no service and calls {@link #register} and
 * {@link #unregister} from its activate and deactivate methods. The native library is a fragment of
 * Netty's bundle for one OS and CPU; on any other machine, or when the fragment is missing, the relay
 * simply keeps the transports that do work (NIO always does).
 */
public final class NativeTransportRegistrar {

    /**
     * What one native transport needs checked and registered.
     *
     * @param name      the value of {@link RelayTransport#NAME_PROPERTY}
     * @param ranking   its default {@code service.ranking} (the highest present wins {@code transport = auto});
     *                  the transport's own configuration may change it
     * @param available Netty's own answer, e.g. {@code Epoll::isAvailable}
     * @param cause     Netty's reason when it is not available, e.g. {@code Epoll::unavailabilityCause}
     * @param service   makes the service to register
     */
    public record NativeTransport(String name, int ranking, BooleanSupplier available, Supplier<Throwable> cause,
                                  Supplier<RelayTransport> service) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(NativeTransportRegistrar.class);
    /** Levels of causes shown: enough to reach a loader's failure, and a bound on a cyclic chain. */
    private static final int MAX_CAUSES = 4;

    private final NativeTransport transport;
    private ServiceRegistration<RelayTransport> registration;
    private RelayTransport service;
    private int ranking;

    public NativeTransportRegistrar(NativeTransport transport) {
        this.transport = transport;
        this.ranking = transport.ranking();
    }

    /** The ranking the service has, or will have when it is registered. */
    public synchronized int ranking() {
        return ranking;
    }

    /**
     * Ranks the transport: at once if it is registered (the relay then chooses again, for {@code auto}),
     * else when it is.
     */
    public synchronized void rank(int newRanking) {
        if (newRanking == ranking) {
            return;
        }
        int previous = ranking;
        ranking = newRanking;
        if (registration != null) {
            registration.setProperties(properties());
            LOG.info("Relay transport {} ranked {} (was {})", transport.name(), ranking, previous);
        }
    }

    /** Registers the transport if it can run here; otherwise says why in one WARN line. */
    public synchronized void register(BundleContext context) {
        Throwable cause = unavailabilityCause(transport);
        if (cause != null) {
            LOG.warn("Relay transport {} unavailable ({}); the relay uses another transport", transport.name(),
                    describe(cause));
            LOG.debug("Why {} is unavailable", transport.name(), cause);
            return;
        }
        service = transport.service().get();
        registration = context.registerService(RelayTransport.class, service, properties());
        LOG.info("Relay transport {} available (ranking {}, {})", transport.name(), ranking,
                service.supportsSplice() ? "splice supported" : "no splice");
    }

    /** What describes the transport to the relay: name, splice and ranking; nothing lists transports. */
    private Dictionary<String, Object> properties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(RelayTransport.NAME_PROPERTY, transport.name());
        properties.put(RelayTransport.SPLICE_PROPERTY, service.supportsSplice());
        properties.put(Constants.SERVICE_RANKING, ranking);
        return properties;
    }

    /** Withdraws the service, if it was registered. */
    public synchronized void unregister() {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework unregisters a stopping bundle's services itself; nothing left to do.
        }
        registration = null;
    }

    /**
     * Why the transport cannot run here, or {@code null} when it can. Netty records a failed load itself,
     * but a class of its bundle that cannot link at all (a half-installed feature) throws instead: that
     * is unavailability too, and must not fail the component.
     */
    public static Throwable unavailabilityCause(NativeTransport transport) {
        try {
            if (transport.available().getAsBoolean()) {
                return null;
            }
            Throwable cause = transport.cause().get();
            return cause != null ? cause : new IllegalStateException("Netty gave no cause");
        } catch (LinkageError e) {
            return e;
        }
    }

    /**
     * The cause and what lies under it: Netty wraps the loader's failures, and the innermost one (such as
     * a missing {@code .so} or a wrong CPU) is the line an operator needs.
     */
    public static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause));
        Throwable under = cause == null ? null : cause.getCause();
        for (int depth = 0; under != null && depth < MAX_CAUSES; depth++, under = under.getCause()) {
            text.append("; caused by ").append(under);
        }
        return text.toString();
    }
}
