package org.iofog.connector.relay.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Group commit of the registry's snapshots: the registry changes its mappings in memory, bumps a version and
 * calls {@link #awaitDurable(long)}; one caller writes the newest snapshot for everybody while the others wait,
 * so many concurrent changes share one sync. One-off file operations run {@link #exclusively} between writes.
 */
final class GroupCommit {

    /** Puts a snapshot on disk; called by one writer at a time, outside the lock. */
    @FunctionalInterface
    interface SnapshotWriter {
        void write(MappingStore.Snapshot snapshot) throws IOException;
    }

    /** A one-off file operation. */
    @FunctionalInterface
    interface FileAction<T> {
        T run() throws IOException;
    }

    /** A write that failed: the number of the write, the version its snapshot held, and why. */
    private record Failure(long write, long version, IOException cause) {
    }

    private final Path file;
    private final Supplier<MappingStore.Snapshot> snapshots;
    private final SnapshotWriter writer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writeEnded = lock.newCondition();
    // Guarded by lock.
    private boolean writing;
    private long durableVersion = Long.MIN_VALUE;
    private long writesEnded;
    private Failure lastFailure;

    /** @param file the file written, to name it in messages */
    GroupCommit(Path file, Supplier<MappingStore.Snapshot> snapshots, SnapshotWriter writer) {
        this.file = file;
        this.snapshots = snapshots;
        this.writer = writer;
    }

    /**
     * Returns once a write that contains {@code version} (or a later one) is on disk.
     *
     * <p>If no write is running, the caller becomes the writer for everybody: it takes the newest snapshot,
     * writes it outside the lock, publishes its version and wakes the others. Otherwise it waits for the
     * running write and checks again; callers that arrived during a write are covered by the next one.
     *
     * @throws IOException a write whose snapshot held {@code version} failed (the cause is that write's
     *                     error); the caller should undo its change. Later calls write a fresh snapshot.
     */
    void awaitDurable(long version) throws IOException {
        lock.lock();
        try {
            // Only a failure that ends after we arrived is ours: an older one was followed by our own change.
            long arrivedAfter = writesEnded;
            while (true) {
                if (durableVersion >= version) {
                    return;
                }
                Failure failure = lastFailure;
                if (failure != null && failure.write() > arrivedAfter && failure.version() >= version) {
                    throw new IOException("The mappings file " + file + " could not be written: "
                            + failure.cause().getMessage(), failure.cause());
                }
                if (writing) {
                    // Uninterruptible: an interrupted caller could not tell whether its change is on disk.
                    writeEnded.awaitUninterruptibly();
                } else {
                    writeNewestSnapshot();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held; releases it for the I/O so that others can queue up meanwhile. */
    private void writeNewestSnapshot() {
        writing = true;
        lock.unlock();
        MappingStore.Snapshot snapshot = null;
        boolean written = false;
        IOException error = null;
        try {
            snapshot = snapshots.get();
            writer.write(snapshot);
            written = true;
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            writing = false;
            writesEnded++;
            if (written) {
                durableVersion = Math.max(durableVersion, snapshot.version());
            } else if (error != null) {
                lastFailure = new Failure(writesEnded, snapshot.version(), error);
            }
            // A RuntimeException records nothing: it reaches this caller, and a waiter takes over as writer.
            writeEnded.signalAll();
        }
    }

    /** Runs a one-off file operation while no group-commit write is running, so the two never interleave. */
    <T> T exclusively(FileAction<T> action) throws IOException {
        lock.lock();
        try {
            while (writing) {
                writeEnded.awaitUninterruptibly();
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        try {
            return action.run();
        } finally {
            lock.lock();
            try {
                writing = false;
                writeEnded.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
