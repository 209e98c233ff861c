package org.iofog.connector.relay.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.support.AtomicFiles;

/**
 * The durable mappings file (the setting {@code mappings.file}), in the legacy {@code configs.json} format.
 *
 * <p>Two files hold the mappings ({@link MappingsFile}). The file itself is written whole and atomically (temp
 * file, fsync, rename, fsync of the folder), so a crash leaves either the old or the new file, never a torn one:
 * at start, when the journal has outgrown it, and when the relay stops. In between, each change is appended to
 * the {@link MappingJournal} beside it, one small {@code fdatasync} per batch. Writes are group-committed
 * ({@link GroupCommit}): many concurrent changes share one sync.
 */
public final class MappingStore {

    /** The registry's mappings at one version; the supplier takes the registry's lock only to copy them. */
    public record Snapshot(long version, List<Mapping> mappings) {
        public Snapshot {
            mappings = List.copyOf(mappings);
        }
    }

    /** Replaces a file's content durably; a seam so tests can inject faults. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file, byte[] content) throws IOException;
    }

    private final Supplier<Snapshot> snapshots;
    private final MappingsFile file;
    private final GroupCommit commit;

    /** Successful file writes, for tests measuring how well writes are batched. */
    final AtomicLong fileWrites = new AtomicLong();
    /** The fault-injection seam; always {@link AtomicFiles#writeOwnerOnly} outside tests. */
    volatile FileWriter writer = AtomicFiles::writeOwnerOnly;

    public MappingStore(Path file, Supplier<Snapshot> snapshots) {
        Path absolute = file.toAbsolutePath();
        this.snapshots = snapshots;
        // Through the field, so that a writer a test sets applies to the next write.
        this.file = new MappingsFile(absolute, (path, content) -> writer.write(path, content));
        this.commit = new GroupCommit(absolute, snapshots, snapshot -> {
            this.file.persist(snapshot, false);
            fileWrites.incrementAndGet();
        });
    }

    /**
     * The stored mappings. A missing file means none. A file that cannot be parsed or breaks a rule is moved
     * aside to {@code <name>.corrupt-<yyyyMMdd-HHmmss>} and reported, and the result is empty: the connector
     * starts rather than failing forever, and the bad file is kept for the operator instead of being
     * overwritten by the next change. The journal is replayed over the file and folded into it.
     *
     * @throws IOException the file exists but cannot be read, or cannot be moved aside: starting empty
     *                     would let the next change overwrite mappings we never saw
     */
    public List<Mapping> load() throws IOException {
        return commit.exclusively(file::load);
    }

    /**
     * Writes the mappings file whole and empties the journal, so that the file alone holds every mapping
     * (done when the relay stops, for operators and tools that read the file).
     */
    public void compact() throws IOException {
        commit.exclusively(() -> {
            file.persist(snapshots.get(), true);
            return null;
        });
    }

    /**
     * The mappings as they are on disk (the file and its journal), read without changing anything: for
     * tools that check a running connector's file.
     */
    public static List<Mapping> readDurable(Path file) throws IOException {
        return MappingsFile.readDurable(file);
    }

    /**
     * Imports the old daemon's {@code configs.json} when we have no mappings file yet. The legacy file is
     * only read, never changed.
     *
     * @return true when the legacy mappings were written to our file
     * @throws IOException a file cannot be read or ours cannot be written
     */
    public boolean importLegacy(Path legacy) throws IOException {
        return commit.exclusively(() -> {
            boolean imported = file.importLegacy(legacy);
            if (imported) {
                fileWrites.incrementAndGet();
            }
            return imported;
        });
    }

    /**
     * Returns once a file write that contains {@code version} (or a later one) is on disk; see
     * {@link GroupCommit#awaitDurable}.
     *
     * @throws IOException a write whose snapshot held {@code version} failed; the caller should undo its change
     */
    public void awaitDurable(long version) throws IOException {
        commit.awaitDurable(version);
    }
}
