package org.iofog.connector.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** Published by the relay. */
@ProviderType
public interface RelayCountersProvider {

    RelayCounters counters();
}
