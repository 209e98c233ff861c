package org.iofog.connector.transport.iouring.internal;

import io.netty.channel.uring.IoUring;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.iofog.connector.transport.nativesupport.TransportRegistrarComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers {@link IoUringRelayTransport} when, and only when, Netty's native io_uring loads here and the kernel
 * lets this process set up a ring (not on an old kernel, with {@code kernel.io_uring_disabled}, or under a
 * container's seccomp profile that forbids it).
 */
@Component(immediate = true, configurationPid = IoUringTransportRegistrar.PID)
@Designate(ocd = IoUringTransportRegistrar.Config.class)
public class IoUringTransportRegistrar extends TransportRegistrarComponent {

    static final String PID = "org.iofog.connector.transport.io_uring";
    /** Below epoll (20), which can splice; above NIO (0), the fallback everywhere. */
    static final int RANKING = 10;

    static final NativeTransport TRANSPORT = new NativeTransport(IoUringRelayTransport.NAME, RANKING,
            IoUring::isAvailable, IoUring::unavailabilityCause, IoUringRelayTransport::new);

    @ObjectClassDefinition(id = PID, name = "ioFog Connector transport: io_uring",
            description = "The relay transport on Linux io_uring (native)")
    @interface Config {
        @AttributeDefinition(name = "Ranking", description = RANKING_DESCRIPTION)
        int ranking() default RANKING;
    }

    public IoUringTransportRegistrar() {
        super(TRANSPORT);
    }
}
