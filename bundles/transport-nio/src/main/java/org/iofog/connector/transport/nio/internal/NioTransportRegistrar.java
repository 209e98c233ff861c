package org.iofog.connector.transport.nio.internal;

import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.iofog.connector.transport.nativesupport.TransportRegistrarComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Registers {@link NioRelayTransport}, which needs no native library and so runs everywhere. */
@Component(immediate = true, configurationPid = NioTransportRegistrar.PID)
@Designate(ocd = NioTransportRegistrar.Config.class)
public class NioTransportRegistrar extends TransportRegistrarComponent {

    static final String PID = "org.iofog.connector.transport.nio";
    /** Lowest, so that a native transport wins {@code transport = auto} wherever one loads. */
    static final int RANKING = 0;

    static final NativeTransport TRANSPORT = new NativeTransport(NioRelayTransport.NAME, RANKING, () -> true,
            () -> null, NioRelayTransport::new);

    @ObjectClassDefinition(id = PID, name = "ioFog Connector transport: nio",
            description = "The relay transport on Java NIO, present everywhere")
    @interface Config {
        @AttributeDefinition(name = "Ranking", description = RANKING_DESCRIPTION)
        int ranking() default RANKING;
    }

    public NioTransportRegistrar() {
        super(TRANSPORT);
    }
}
