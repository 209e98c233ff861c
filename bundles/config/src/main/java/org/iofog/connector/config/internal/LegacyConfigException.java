package org.iofog.connector.config.internal;

import java.nio.file.Path;

/** What is wrong with an old {@code iofog-connector.conf}, naming the file and the field. */
final class LegacyConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    LegacyConfigException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
