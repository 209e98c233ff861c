package org.iofog.connector.relay.internal;

/**
 * The relay's counters over JMX, as {@code org.iofog.connector:type=Relay} (see {@link
 * org.iofog.connector.api.metrics.RelayCounters} for what each one counts).
 */
public interface RelayMetricsMBean {

    int getPublicMappings();

    int getPrivateMappings();

    int getDirectMappings();

    int getAgentConnections();

    int getPublicClients();

    long getBytesRelayed();

    long getAgentsAuthenticated();

    long getAuthFailures();

    long getHeartbeatTimeouts();

    long getAllocationFailures();

    long getAgentBytesDropped();

    long getSourceRefusals();

    long getThrottledAuthentications();
}
