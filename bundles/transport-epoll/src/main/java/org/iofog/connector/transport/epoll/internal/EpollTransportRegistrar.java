package org.iofog.connector.transport.epoll.internal;

import io.netty.channel.epoll.Epoll;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.iofog.connector.transport.nativesupport.TransportRegistrarComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Registers {@link EpollRelayTransport} when, and only when, Netty's native epoll loads here. */
@Component(immediate = true, configurationPid = EpollTransportRegistrar.PID)
@Designate(ocd = EpollTransportRegistrar.Config.class)
public class EpollTransportRegistrar extends TransportRegistrarComponent {

    static final String PID = "org.iofog.connector.transport.epoll";
    /** Above io_uring (10), since only epoll can splice; NIO (0) is the fallback everywhere. */
    static final int RANKING = 20;

    static final NativeTransport TRANSPORT = new NativeTransport(EpollRelayTransport.NAME, RANKING, Epoll::isAvailable,
            Epoll::unavailabilityCause, EpollRelayTransport::new);

    @ObjectClassDefinition(id = PID, name = "ioFog Connector transport: epoll",
            description = "The relay transport on Linux epoll (native, can splice)")
    @interface Config {
        @AttributeDefinition(name = "Ranking", description = RANKING_DESCRIPTION)
        int ranking() default RANKING;
    }

    public EpollTransportRegistrar() {
        super(TRANSPORT);
    }
}
