package org.iofog.connector.relay.internal;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes the relay's counters as the MBean {@value #OBJECT_NAME} in the MBean server Karaf exposes
 * (its {@code management} feature; without it nothing is published).
 */
// No service: the MBean server is where it is published.
@Component(immediate = true, service = {})
public class RelayMetricsJmx implements RelayMetricsMBean {

    static final String OBJECT_NAME = "org.iofog.connector:type=Relay";

    private final RelayCountersProvider counters;
    private final MBeanServer server;
    private final ObjectName name;

    /**
     * @param server the MBean server; optional, so that the feature also resolves in a Karaf without
     *               {@code management} (then nothing is published), greedy so that one arriving later is used
     */
    @Activate
    public RelayMetricsJmx(@Reference RelayCountersProvider counters,
                           @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                                   policyOption = ReferencePolicyOption.GREEDY) MBeanServer server)
            throws JMException {
        this.counters = counters;
        this.server = server;
        this.name = new ObjectName(OBJECT_NAME);
        if (server != null) {
            server.registerMBean(new StandardMBean(this, RelayMetricsMBean.class), name);
        }
    }

    @Deactivate
    void deactivate() throws JMException {
        if (server != null) {
            server.unregisterMBean(name);
        }
    }

    private RelayCounters now() {
        return counters.counters();
    }

    @Override
    public int getPublicMappings() {
        return now().publicMappings();
    }

    @Override
    public int getPrivateMappings() {
        return now().privateMappings();
    }

    @Override
    public int getDirectMappings() {
        return now().directMappings();
    }

    @Override
    public int getAgentConnections() {
        return now().agentConnections();
    }

    @Override
    public int getPublicClients() {
        return now().publicClients();
    }

    @Override
    public long getBytesRelayed() {
        return now().bytesRelayed();
    }

    @Override
    public long getAgentsAuthenticated() {
        return now().agentsAuthenticated();
    }

    @Override
    public long getAuthFailures() {
        return now().authFailures();
    }

    @Override
    public long getHeartbeatTimeouts() {
        return now().heartbeatTimeouts();
    }

    @Override
    public long getAllocationFailures() {
        return now().allocationFailures();
    }

    @Override
    public long getAgentBytesDropped() {
        return now().agentBytesDropped();
    }

    @Override
    public long getSourceRefusals() {
        return now().sourceRefusals();
    }

    @Override
    public long getThrottledAuthentications() {
        return now().throttledAuthentications();
    }
}
