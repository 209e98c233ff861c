package org.iofog.connector.support;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AtomicFilesTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void writesIntoMissingFoldersAndReplacesWholly() throws IOException {
        Path file = temporary.getRoot().toPath().resolve("a/b/configs.json");
        AtomicFiles.writeOwnerOnly(file, "first, longer content".getBytes());
        AtomicFiles.writeOwnerOnly(file, "second".getBytes());
        assertArrayEquals("second".getBytes(), Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals("no temporary file left beside it", List.of(file), files.toList());
        }
    }

    @Test
    public void theFileIsTheOwnersOnly() throws IOException {
        Path file = temporary.getRoot().toPath().resolve("server-key.pem");
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        AtomicFiles.writeOwnerOnly(file, "key".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void aTemporaryFileLeftByACrashIsReplaced() throws IOException {
        Path dir = temporary.getRoot().toPath();
        Files.writeString(dir.resolve(".configs.json.tmp"), "half of an earlier write");
        AtomicFiles.writeOwnerOnly(dir.resolve("configs.json"), "whole".getBytes());
        assertEquals("whole", Files.readString(dir.resolve("configs.json")));
        assertFalse(Files.exists(dir.resolve(".configs.json.tmp")));
    }

    @Test
    public void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path dir = temporary.getRoot().toPath();
        Path file = dir.resolve("configs.json");
        AtomicFiles.writeOwnerOnly(file, "old".getBytes());
        Files.createDirectory(dir.resolve("target-is-a-folder"));
        Files.writeString(dir.resolve("target-is-a-folder/x"), "keeps the folder non-empty");
        try {
            AtomicFiles.writeOwnerOnly(dir.resolve("target-is-a-folder"), "new".getBytes());
            throw new AssertionError("a non-empty folder cannot be replaced by a file");
        } catch (IOException expected) {
            assertTrue(expected.toString(), Files.isDirectory(dir.resolve("target-is-a-folder")));
        }
        assertFalse(Files.exists(dir.resolve(".target-is-a-folder.tmp")));
        assertEquals("old", Files.readString(file));
    }
}
