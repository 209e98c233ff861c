package org.iofog.connector.api.transport;

import org.osgi.annotation.versioning.ProviderType;

/** Published by the relay: the transport it runs on, for status displays and tests. */
@ProviderType
public interface TransportStatusProvider {

    TransportStatus transportStatus();
}
