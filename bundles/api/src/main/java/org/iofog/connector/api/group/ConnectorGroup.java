package org.iofog.connector.api.group;

import org.osgi.annotation.versioning.ProviderType;

/** The group's state, for health checks, the shell and the metrics. */
@ProviderType
public interface ConnectorGroup {

    GroupStatus status();
}
