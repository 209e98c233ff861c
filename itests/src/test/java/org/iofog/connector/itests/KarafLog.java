package org.iofog.connector.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The container's karaf.log, where operators look first. */
final class KarafLog {

    private KarafLog() {
    }

    static String text() {
        try {
            return Files.readString(Path.of(System.getProperty("karaf.log"), "karaf.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read karaf.log", e);
        }
    }
}
