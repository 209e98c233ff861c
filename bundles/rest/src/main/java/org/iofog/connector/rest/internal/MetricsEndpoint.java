package org.iofog.connector.rest.internal;

import java.util.function.Supplier;

import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.metrics.RelayCountersProvider;

/** The configurable metrics path: the relay's counters and the group's state as Prometheus text. */
final class MetricsEndpoint implements Endpoint {

    private final RelayCountersProvider counters;
    private final Supplier<GroupStatus> group;

    MetricsEndpoint(RelayCountersProvider counters, Supplier<GroupStatus> group) {
        this.counters = counters;
        this.group = group;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) {
        return Reply.of(PrometheusText.of(counters.counters(), group.get()));
    }
}
