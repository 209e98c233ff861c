package org.iofog.connector.api.settings;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the connector keeps its own files in Karaf (mappings, their journal, a generated certificate), and how
 * a file named in a setting is found. The service appears once files left in an earlier version's folder have
 * been moved over, so every bundle that resolves a configured file sees them where the settings say.
 */
@ProviderType
public interface ConnectorFolder {

    /** {@code iofog-connector/} in the Karaf base directory, beside {@code etc/} and {@code data/}. */
    Path folder();

    /**
     * A configured file as an absolute path: relative ones against the Karaf base directory, and one in the
     * earlier versions' folder {@code etc/iofog-connector/} as the same name in {@link #folder()}.
     */
    Path resolve(Path configured);
}
