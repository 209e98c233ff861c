package org.iofog.connector.config.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder where the connector keeps its own files in Karaf (mappings, their journal, a generated
 * certificate): {@code iofog-connector/} in the Karaf base directory, beside {@code etc/} and {@code data/}.
 *
 * <p>Not under {@code etc/}: Karaf's file install watches {@code etc/} and installs every folder in it as an
 * exploded bundle, so a stock Karaf showed an Active bundle "iofog-connector 0.0.0" after a restart. Not
 * under {@code data/} either: an operator may delete {@code data/} (or run {@code bin/karaf clean}) to reset
 * Karaf's caches, and the mappings must survive that.
 *
 * <p>Earlier versions used {@code etc/iofog-connector/}: {@link #adoptFormerFolder()} moves what is there.
 */
final class ConnectorDirectory {

    static final String NAME = "iofog-connector";
    static final String MAPPINGS_FILE = NAME + "/configs.json";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorDirectory.class);

    private final Path base;
    private final Path formerFolder;

    ConnectorDirectory(Path karafBase, Path karafEtc) {
        this.base = karafBase.toAbsolutePath().normalize();
        this.formerFolder = karafEtc.toAbsolutePath().normalize().resolve(NAME);
    }

    static ConnectorDirectory ofKaraf() {
        Path base = Path.of(System.getProperty("karaf.base", ""));
        return new ConnectorDirectory(base, Path.of(System.getProperty("karaf.etc", base.resolve("etc").toString())));
    }

    /** The Karaf base directory, which relative paths in the settings are resolved against. */
    Path base() {
        return base;
    }

    Path folder() {
        return base.resolve(NAME);
    }

    /**
     * A configured file as an absolute path, relative ones against the Karaf base directory. A file in the
     * former folder (earlier versions shipped {@code mappings.file = etc/iofog-connector/configs.json}) means
     * the same name in {@link #folder()}, where {@link #adoptFormerFolder()} has moved it.
     */
    Path file(Path configured) {
        Path absolute = base.resolve(configured).normalize();
        if (absolute.startsWith(formerFolder)) {
            return folder().resolve(formerFolder.relativize(absolute));
        }
        return absolute;
    }

    /**
     * Moves the files of {@code etc/iofog-connector/} into {@link #folder()} and removes the emptied folder
     * (file install then uninstalls the bundle it made of it). A file whose name is taken in the new folder
     * stays where it is, and so does the folder, with a warning. Does nothing when there is no such folder.
     */
    synchronized void adoptFormerFolder() {
        if (!Files.isDirectory(formerFolder)) {
            return;
        }
        List<String> moved = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try {
            Files.createDirectories(folder());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(formerFolder)) {
                for (Path file : files) {
                    Path target = folder().resolve(file.getFileName());
                    if (Files.isRegularFile(file) && !Files.exists(target)) {
                        move(file, target);
                        moved.add(file.getFileName().toString());
                    } else {
                        left.add(file.getFileName().toString());
                    }
                }
            }
            if (left.isEmpty()) {
                Files.delete(formerFolder);
            }
        } catch (IOException e) {
            LOG.error("Could not move the connector's files from {} to {}: {}. Karaf installs a folder under etc/"
                    + " as a bundle; move them by hand", formerFolder, folder(), e.toString());
            return;
        }
        if (!moved.isEmpty()) {
            LOG.info("Moved {} from {} to {}: Karaf installs every folder under etc/ as a bundle", moved,
                    formerFolder, folder());
        }
        if (!left.isEmpty()) {
            LOG.warn("{} still holds {}, which {} has too (or which is a folder): compare them, keep one and remove {};"
                    + " until then Karaf shows it as a bundle \"{} 0.0.0\"", formerFolder, left, folder(),
                    formerFolder, NAME);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
