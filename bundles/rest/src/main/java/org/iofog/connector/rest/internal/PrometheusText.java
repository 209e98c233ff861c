package org.iofog.connector.rest.internal;

import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.metrics.RelayCounters;

/**
 * The relay's counters in Prometheus' text exposition format (version 0.0.4): one {@code # HELP} and
 * {@code # TYPE} line and one sample per metric, names prefixed {@code iofog_connector_}.
 */
final class PrometheusText {

    private final StringBuilder text = new StringBuilder(2048);

    private PrometheusText() {
    }

    static String of(RelayCounters c, GroupStatus group) {
        PrometheusText out = new PrometheusText();
        out.gauge("mappings", "Mappings open now, by type", "type=\"public\"", c.publicMappings());
        out.sample("mappings", "type=\"private\"", c.privateMappings());
        out.sample("mappings", "type=\"direct\"", c.directMappings());
        out.gauge("agent_connections", "Authenticated agent connections open now", null, c.agentConnections());
        out.gauge("public_clients", "Public clients connected now", null, c.publicClients());
        out.gauge("relayed_bytes", "Bytes relayed in both directions by the mappings open now", null,
                c.bytesRelayed());
        out.counter("agents_authenticated_total", "Agent connections answered AUTHORIZED since start",
                c.agentsAuthenticated());
        out.counter("auth_failures_total", "Agent connections closed for a wrong or missing passcode since start",
                c.authFailures());
        out.counter("heartbeat_timeouts_total", "Agent connections closed for heartbeat absence since start",
                c.heartbeatTimeouts());
        out.counter("allocation_failures_total", "Mapping adds refused for want of free ports since start",
                c.allocationFailures());
        out.counter("agent_bytes_dropped_total", "Bytes public-pipe agent connections sent while serving no client,"
                + " dropped since start", c.agentBytesDropped());
        out.counter("source_refusals_total", "Public clients closed at once because their address had its limit of"
                + " waiting clients, since start", c.sourceRefusals());
        out.counter("throttled_authentications_total", "Wrong passcodes answered late by the slow-down since start",
                c.throttledAuthentications());
        out.gauge("group_ready", "1 when this member is ready in its connector group or the group is off, else 0",
                null, group.ready() ? 1 : 0);
        out.gauge("group_members", "Members of the connector group present now, this one included (0: off)", null,
                group.presentMembers());
        out.gauge("group_mappings", "Mappings in the connector group's replicated table (0: off)", null,
                group.replicatedMappings());
        return out.text.toString();
    }

    private void gauge(String name, String help, String labels, long value) {
        header(name, help, "gauge");
        sample(name, labels, value);
    }

    private void counter(String name, String help, long value) {
        header(name, help, "counter");
        sample(name, null, value);
    }

    private void header(String name, String help, String type) {
        text.append("# HELP iofog_connector_").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE iofog_connector_").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, long value) {
        text.append("iofog_connector_").append(name);
        if (labels != null) {
            text.append('{').append(labels).append('}');
        }
        text.append(' ').append(value).append('\n');
    }
}
