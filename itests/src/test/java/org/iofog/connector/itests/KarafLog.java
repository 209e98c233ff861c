package org.iofog.connector.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The container's log files: karaf.log, where operators look first, and the connector's own. */
final class KarafLog {

    private KarafLog() {
    }

    static String text() {
        return text("karaf.log");
    }

    /** Another file of the log folder, e.g. the connector's own {@code iofog-connector.log}. */
    static String text(String file) {
        try {
            return Files.readString(Path.of(System.getProperty("karaf.log"), file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
