package org.iofog.connector.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replacing a file so that a crash leaves either the old content or the new one, never a mix or nothing:
 * the new content goes to a temporary file beside it, reaches the disk, takes the file's name in one rename,
 * and the folder is synced so that the rename itself survives a crash.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code file}, readable and writable by the owner only where the file system
     * has POSIX permissions (the connector's files hold passcodes and private keys). Creates missing folders.
     * The temporary file has one fixed name ({@code .<name>.tmp}): a leftover of a crash is simply replaced.
     * Callers write one file from one thread at a time.
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            try (FileChannel channel = FileChannel.open(temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(dir))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the rename, so that a crash cannot leave an empty file under the real name.
                channel.force(true);
            }
            move(temp, file);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        fsyncDirectory(dir);
    }

    /**
     * Makes a rename in {@code dir} durable. Some platforms (Windows) cannot open a folder at all; there the
     * rename is as durable as the system makes it and we go on. A failing fsync of an opened folder is a real
     * error and is thrown.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** Owner-only permissions for a new file in {@code dir}, where its file system has POSIX permissions. */
    public static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))};
        }
        // Without POSIX permissions (Windows) the file inherits the folder's ACL.
        return new FileAttribute<?>[0];
    }

    /** An atomic rename where the file system has one, else a plain replace. */
    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
