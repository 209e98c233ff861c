package org.iofog.connector.transport.epoll.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import io.netty.channel.epoll.Epoll;
import org.iofog.connector.api.transport.RelayTransport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link EpollRelayTransport} when, and only when, Netty's native epoll library loads here.
 *
 * <p>A DS component cannot make its own service conditional on a runtime check, so this one provides no
 * service and registers the transport by hand. The native library is a fragment of Netty's epoll bundle
 * for one OS and CPU; on any other machine, or when the fragment is missing, the relay simply keeps the
 * transports that do work (NIO always does).
 */
@Component(immediate = true)
public class EpollTransportRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(EpollTransportRegistrar.class);

    /** Above io_uring (10), since only epoll can splice; NIO (0) is the fallback everywhere. */
    static final int RANKING = 20;

    private static final int MAX_CAUSES = 4;

    private ServiceRegistration<RelayTransport> registration;

    @Activate
    void activate(BundleContext context) {
        Throwable cause = unavailabilityCause();
        if (cause != null) {
            LOG.warn("Relay transport {} unavailable ({}); the relay uses another transport",
                    EpollRelayTransport.NAME, describe(cause));
            LOG.debug("Why epoll is unavailable", cause);
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RelayTransport.NAME_PROPERTY, EpollRelayTransport.NAME);
        props.put(Constants.SERVICE_RANKING, RANKING);
        registration = context.registerService(RelayTransport.class, new EpollRelayTransport(), props);
        LOG.info("Relay transport {} available (native library loaded, ranking {}, splice supported)",
                EpollRelayTransport.NAME, RANKING);
    }

    @Deactivate
    void deactivate() {
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
     * Why epoll cannot run here, or {@code null} when it can. Netty records a failed load itself, but a
     * class of the epoll bundle that cannot link at all (a half-installed feature) throws instead: that is
     * unavailability too, and must not fail the component.
     */
    static Throwable unavailabilityCause() {
        try {
            if (Epoll.isAvailable()) {
                return null;
            }
            Throwable cause = Epoll.unavailabilityCause();
            return cause != null ? cause : new IllegalStateException("Netty gave no cause");
        } catch (LinkageError e) {
            return e;
        }
    }

    /**
     * The cause and what lies under it: Netty wraps the loader's failures, and the innermost one (such as
     * a missing {@code .so} or a wrong CPU) is the line an operator needs.
     */
    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause));
        Throwable under = cause == null ? null : cause.getCause();
        // A few levels are enough, and the bound keeps a cyclic chain from looping forever.
        for (int depth = 0; under != null && depth < MAX_CAUSES; depth++, under = under.getCause()) {
            text.append("; caused by ").append(under);
        }
        return text.toString();
    }
}
