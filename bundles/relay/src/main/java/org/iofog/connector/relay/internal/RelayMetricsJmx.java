package org.iofog.connector.relay.internal;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The relay's counters as the MBean {@value #OBJECT_NAME}: a service with the property {@code jmx.objectname},
 * which Karaf's management whiteboard (its {@code management} feature) registers in the MBean server it
 * exposes, and withdraws with the service. Without that feature nothing reads the service.
 */
@Component(immediate = true, service = DynamicMBean.class,
        property = "jmx.objectname=" + RelayMetricsJmx.OBJECT_NAME)
public class RelayMetricsJmx extends StandardMBean implements RelayMetricsMBean {

    static final String OBJECT_NAME = "org.iofog.connector:type=Relay";

    private final RelayCountersProvider counters;

    @Activate
    public RelayMetricsJmx(@Reference RelayCountersProvider counters) throws NotCompliantMBeanException {
        super(RelayMetricsMBean.class);
        this.counters = counters;
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
