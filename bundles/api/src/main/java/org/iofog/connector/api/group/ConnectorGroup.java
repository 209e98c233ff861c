package org.iofog.connector.api.group;

import org.osgi.annotation.versioning.ProviderType;

/** The group's state, for health checks, the shell and the metrics. */
@ProviderType
public interface ConnectorGroup {

    /** The group's configuration, {@code etc/org.iofog.connector.group.cfg}. */
    String PID = "org.iofog.connector.group";

    GroupStatus status();
}
