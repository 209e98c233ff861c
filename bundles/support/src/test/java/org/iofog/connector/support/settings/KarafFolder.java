package org.iofog.connector.support.settings;

import java.nio.file.Path;

import org.iofog.connector.api.settings.ConnectorFolder;

/**
 * The connector's folder in a Karaf base directory of a test's choosing: configured files resolved against it as
 * the config bundle's service resolves them (without the move from the earlier versions' folder, which the config
 * bundle's own tests cover).
 */
public record KarafFolder(Path base) implements ConnectorFolder {

    @Override
    public Path folder() {
        return base.resolve("iofog-connector");
    }

    @Override
    public Path resolve(Path configured) {
        return base.resolve(configured).normalize();
    }
}
