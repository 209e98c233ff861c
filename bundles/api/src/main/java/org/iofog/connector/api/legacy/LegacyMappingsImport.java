package org.iofog.connector.api.legacy;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens the old daemon's mappings ({@code configs.json}) in the running relay, with their ports and
 * passcodes, so that agents need no new registration. Mappings already present are left alone.
 */
@ProviderType
public interface LegacyMappingsImport {

    /**
     * @param dryRun only say what would be opened
     * @throws IOException when the file cannot be read or is not valid, naming the problem; nothing is changed
     */
    LegacyImportResult importMappings(Path configsJson, boolean dryRun) throws IOException;
}
