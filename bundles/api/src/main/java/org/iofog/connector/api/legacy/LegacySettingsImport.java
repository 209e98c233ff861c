package org.iofog.connector.api.legacy;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Takes over the old daemon's {@code iofog-connector.conf} (ports, exclude, address, broker, dev). */
@ProviderType
public interface LegacySettingsImport {

    /**
     * @param dryRun only say what would change
     * @throws IOException when the file cannot be read or is not valid, naming the problem; nothing is changed
     */
    LegacyImportResult importSettings(Path conf, boolean dryRun) throws IOException;
}
