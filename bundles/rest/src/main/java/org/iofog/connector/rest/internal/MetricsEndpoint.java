package org.iofog.connector.rest.internal;

import org.iofog.connector.api.metrics.RelayCountersProvider;

/** The configurable metrics path: the relay's counters as Prometheus text. */
final class MetricsEndpoint implements Endpoint {

    private final RelayCountersProvider counters;

    MetricsEndpoint(RelayCountersProvider counters) {
        this.counters = counters;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) {
        return Reply.of(PrometheusText.of(counters.counters()));
    }
}
