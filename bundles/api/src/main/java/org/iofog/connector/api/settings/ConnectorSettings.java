package org.iofog.connector.api.settings;

import java.nio.file.Path;

/**
 * PID {@code org.iofog.connector}: what the old daemon's {@code iofog-connector.conf} held besides ports,
 * and where to find the old daemon's files.
 *
 * @param address            host the local command-line tool uses to reach the REST API
 * @param broker             port answered by {@code /api/v2/direct/add}
 * @param dev                dev mode: no TLS anywhere
 * @param legacyImport       whether to import the old daemon's files once
 * @param legacyConfig       path of the old {@code iofog-connector.conf}
 * @param legacyMappings     path of the old {@code configs.json}
 */
public record ConnectorSettings(String address, int broker, boolean dev, boolean legacyImport,
                                Path legacyConfig, Path legacyMappings) {

    public static final String PID = "org.iofog.connector";
}
