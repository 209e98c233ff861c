package org.iofog.connector.relay.internal;

import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes the relay's counters: the gauges, read from the mappings open now, and the totals the relay's
 * handlers counted since it started.
 */
@Component(service = RelayCountersProvider.class, immediate = true)
public class RelayCountersComponent implements RelayCountersProvider {

    private final MappingRegistry registry;
    private final RelayStatistics totals;

    @Activate
    public RelayCountersComponent(@Reference RelaySockets sockets, @Reference RegistryAccess registry) {
        this(registry.registry(), sockets.engine().statistics());
    }

    /** The counters of a relay assembled without OSGi. */
    RelayCountersComponent(MappingRegistry registry, RelayStatistics totals) {
        this.registry = registry;
        this.totals = totals;
    }

    @Override
    public RelayCounters counters() {
        int[] byType = new int[MappingType.values().length];
        int agents = 0;
        int clients = 0;
        long bytes = 0;
        for (MappingStatus status : registry.statuses()) {
            byType[status.mapping().type().ordinal()]++;
            agents += status.agentsPort1() + status.agentsPort2();
            clients += status.publicClients();
            bytes += status.bytesPort1ToPort2() + status.bytesPort2ToPort1();
        }
        return new RelayCounters(byType[MappingType.PUBLIC.ordinal()], byType[MappingType.PRIVATE.ordinal()],
                byType[MappingType.DIRECT.ordinal()], agents, clients, bytes, totals.authenticatedTotal(),
                totals.authFailuresTotal(), totals.heartbeatTimeoutsTotal(), totals.allocationFailuresTotal(),
                totals.agentBytesDroppedTotal(), totals.sourceRefusalsTotal(), totals.throttledAuthenticationsTotal());
    }
}
