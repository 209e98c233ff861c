package org.iofog.connector.transport.iouring.internal;

import io.netty.channel.uring.IoUring;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers {@link IoUringRelayTransport} when, and only when, Netty's native io_uring (where the kernel also lets this process set up a ring: not on an old kernel, with {@code kernel.io_uring_disabled}, or under a container's seccomp profile that forbids it) loads here.
 */
@Component(immediate = true)
public class IoUringTransportRegistrar {

    /** Below epoll (20), which can splice; above NIO (0), the fallback everywhere. */
    static final int RANKING = 10;

    static final NativeTransport TRANSPORT = new NativeTransport(IoUringRelayTransport.NAME, RANKING, IoUring::isAvailable,
            IoUring::unavailabilityCause, IoUringRelayTransport::new);

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
