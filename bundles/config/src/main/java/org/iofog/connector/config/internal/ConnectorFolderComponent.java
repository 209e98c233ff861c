package org.iofog.connector.config.internal;

import java.nio.file.Path;

import org.iofog.connector.api.settings.ConnectorFolder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes the connector's folder in Karaf once the files an earlier version left in
 * {@code etc/iofog-connector/} have been moved into it: one move, before any bundle resolves a configured file.
 */
@Component(service = ConnectorFolder.class, immediate = true)
public class ConnectorFolderComponent implements ConnectorFolder {

    private final ConnectorDirectory directory;

    public ConnectorFolderComponent() {
        this(ConnectorDirectory.ofKaraf());
    }

    ConnectorFolderComponent(ConnectorDirectory directory) {
        this.directory = directory;
    }

    @Activate
    void activate() {
        directory.adoptFormerFolder();
    }

    @Override
    public Path folder() {
        return directory.folder();
    }

    @Override
    public Path resolve(Path configured) {
        return directory.file(configured);
    }
}
