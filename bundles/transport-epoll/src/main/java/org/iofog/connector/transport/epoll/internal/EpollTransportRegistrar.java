package org.iofog.connector.transport.epoll.internal;

import io.netty.channel.epoll.Epoll;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers {@link EpollRelayTransport} when, and only when, Netty's native epoll loads here.
 */
@Component(immediate = true)
public class EpollTransportRegistrar {

    /** Above io_uring (10), since only epoll can splice; NIO (0) is the fallback everywhere. */
    static final int RANKING = 20;

    static final NativeTransport TRANSPORT = new NativeTransport(EpollRelayTransport.NAME, RANKING, Epoll::isAvailable,
            Epoll::unavailabilityCause, EpollRelayTransport::new);

    private final NativeTransportRegistrar registrar = new NativeTransportRegistrar(TRANSPORT);

    @Activate
    void activate(BundleContext context) {
        registrar.register(context);
    }

    @Deactivate
    void deactivate() {
        registrar.unregister();
    }
}
