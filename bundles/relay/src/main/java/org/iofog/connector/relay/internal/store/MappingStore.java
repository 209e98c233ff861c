package org.iofog.connector.relay.internal.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.support.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable mappings file (the setting {@code mappings.file}), in the legacy {@code configs.json} format.
 *
 * <p>Two files hold the mappings. The file itself is written whole and atomically (temp file, fsync, rename,
 * fsync of the folder), so a crash leaves either the old or the new file, never a torn one: at start, when the
 * journal has outgrown it, and when the relay stops. In between, each change is appended to the
 * {@link MappingJournal} beside it, one small {@code fdatasync} per batch. Writes are group-committed: the
 * registry changes its mappings in memory, bumps a version and calls {@link #awaitDurable(long)}; one caller
 * writes for the newest version while the others wait, so many concurrent changes share one sync.
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

    private static final Logger LOG = LoggerFactory.getLogger(MappingStore.class);
    /** The journal is folded into the file once it is larger than the file and than this. */
    private static final long MIN_JOURNAL_FOLD_BYTES = 64 * 1024;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final Supplier<Snapshot> snapshots;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writeEnded = lock.newCondition();
    // Guarded by lock.
    private boolean writing;
    private long durableVersion = Long.MIN_VALUE;
    private long writesEnded;
    private Failure lastFailure;

    /** The journal beside the file; touched only by the writer. */
    private final MappingJournal journal;
    /**
     * The mappings on disk (file and journal), by instance, with their encodings (mappings are immutable);
     * touched only by the writer. A write appends what differs from these, or writes them all.
     */
    private Map<Mapping, byte[]> encoded = new IdentityHashMap<>();
    /** Size of the file when last written whole: the journal is folded in once it grows past it. */
    private long fileBytes;

    /** Successful file writes, for tests measuring how well writes are batched. */
    final AtomicLong fileWrites = new AtomicLong();
    /** The fault-injection seam; always {@link AtomicFiles#writeOwnerOnly} outside tests. */
    volatile FileWriter writer = AtomicFiles::writeOwnerOnly;

    /** A write that failed: the number of the write, the version its snapshot held, and why. */
    private record Failure(long write, long version, IOException cause) {
    }

    public MappingStore(Path file, Supplier<Snapshot> snapshots) {
        this.file = file.toAbsolutePath();
        this.snapshots = snapshots;
        this.journal = new MappingJournal(this.file);
    }

    /**
     * The stored mappings. A missing file means none. A file that cannot be parsed or breaks a rule is moved
     * aside to {@code <name>.corrupt-<yyyyMMdd-HHmmss>} and reported, and the result is empty: the connector
     * starts rather than failing forever, and the bad file is kept for the operator instead of being
     * overwritten by the next change.
     *
     * @throws IOException the file exists but cannot be read, or cannot be moved aside: starting empty
     *                     would let the next change overwrite mappings we never saw
     */
    public List<Mapping> load() throws IOException {
        return exclusively(() -> {
            List<Mapping> base;
            try {
                base = ConfigsJson.read(file);
            } catch (NoSuchFileException e) {
                setJournalAside("there is no mappings file " + file + " for it");
                return List.of();
            } catch (InvalidMappingsFileException e) {
                return setBadFileAside(e.getMessage());
            }
            if (Files.notExists(journal.path())) {
                return base;
            }
            if (Files.size(journal.path()) == 0) {
                // Left empty by the last whole write: nothing to fold in, no need to rewrite the file.
                Files.delete(journal.path());
                return base;
            }
            MappingJournal.Replay replay = journal.replay(base, Instant.now());
            if (replay.problem() != null) {
                LOG.error("{}; the {} complete changes before it are kept, the rest of the journal is not",
                        replay.problem(), replay.batches());
            }
            byte[] merged = ConfigsJson.write(replay.mappings());
            try {
                // The rules across mappings (ids and ports used once) hold for the file and journal together.
                ConfigsJson.parse(merged, file + " with its journal", Instant.now());
            } catch (InvalidMappingsFileException e) {
                return setBadFileAside(e.getMessage());
            }
            // Fold the journal in now, so that the file alone is complete while the connector runs idle.
            writer.write(file, merged);
            if (replay.problem() != null) {
                setJournalAside("it could not be read to the end");
            } else {
                Files.delete(journal.path());
                AtomicFiles.fsyncDirectory(file.getParent());
            }
            return replay.mappings();
        });
    }

    /** A file that breaks the format or a rule: kept aside with its journal, and the connector starts empty. */
    private List<Mapping> setBadFileAside(String problem) throws IOException {
        Path aside = moveAside();
        // The problem starts with the file's path, so this one line names the file, the problem and where
        // the file went.
        LOG.error("{}; this mappings file was moved aside to {} and the connector starts with no mappings",
                problem, aside);
        setJournalAside("its mappings file was moved aside");
        return List.of();
    }

    /**
     * Writes the mappings file whole and empties the journal, so that the file alone holds every mapping
     * (done when the relay stops, for operators and tools that read the file).
     */
    public void compact() throws IOException {
        exclusively(() -> {
            persist(snapshots.get(), true);
            return null;
        });
    }

    /**
     * The mappings as they are on disk (the file and its journal), read without changing anything: for
     * tools that check a running connector's file.
     */
    public static List<Mapping> readDurable(Path file) throws IOException {
        List<Mapping> base;
        try {
            base = ConfigsJson.read(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (InvalidMappingsFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        MappingJournal.Replay replay = new MappingJournal(file.toAbsolutePath()).replay(base, Instant.now());
        if (replay.problem() != null) {
            throw new IOException(replay.problem());
        }
        return replay.mappings();
    }

    /**
     * Imports the old daemon's {@code configs.json} when we have no mappings file yet. The legacy file is
     * only read, never changed.
     *
     * @return true when the legacy mappings were written to our file
     * @throws IOException a file cannot be read or ours cannot be written
     */
    public boolean importLegacy(Path legacy) throws IOException {
        return exclusively(() -> {
            // notExists, not !exists: a file we merely cannot see (permissions) must not be replaced.
            if (!Files.notExists(file) || Files.notExists(legacy)) {
                return false;
            }
            List<Mapping> mappings;
            try {
                mappings = ConfigsJson.read(legacy);
            } catch (InvalidMappingsFileException e) {
                LOG.error("Not importing the legacy mappings file, it is invalid: {}", e.getMessage());
                return false;
            }
            setJournalAside("its mappings file is replaced by the import");
            writer.write(file, ConfigsJson.write(mappings));
            fileWrites.incrementAndGet();
            LOG.info("Imported {} mappings from the legacy file {} into {}", mappings.size(), legacy, file);
            return true;
        });
    }

    /**
     * Returns once a file write that contains {@code version} (or a later one) is on disk.
     *
     * <p>If no write is running, the caller becomes the writer for everybody: it takes the newest snapshot,
     * writes it outside the lock, publishes its version and wakes the others. Otherwise it waits for the
     * running write and checks again; callers that arrived during a write are covered by the next one.
     *
     * @throws IOException a write whose snapshot held {@code version} failed (the cause is that write's
     *                     error); the caller should undo its change. Later calls write a fresh snapshot.
     */
    public void awaitDurable(long version) throws IOException {
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
        Snapshot snapshot = null;
        boolean written = false;
        IOException error = null;
        try {
            snapshot = snapshots.get();
            persist(snapshot, false);
            written = true;
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            writing = false;
            writesEnded++;
            if (written) {
                fileWrites.incrementAndGet();
                durableVersion = Math.max(durableVersion, snapshot.version());
            } else if (error != null) {
                lastFailure = new Failure(writesEnded, snapshot.version(), error);
            }
            // A RuntimeException records nothing: it reaches this caller, and a waiter takes over as writer.
            writeEnded.signalAll();
        }
    }

    /**
     * Puts a snapshot on disk: appends what changed to the journal, or writes the file whole when the
     * journal is not open (first write, after a failure) or has grown past the file. Called by the only
     * writer; {@link #encoded} changes only once the snapshot is durable.
     */
    private void persist(Snapshot snapshot, boolean whole) throws IOException {
        List<Mapping> mappings = snapshot.mappings();
        Map<Mapping, byte[]> now = new IdentityHashMap<>(mappings.size() * 2);
        List<byte[]> entries = new ArrayList<>(mappings.size());
        List<byte[]> added = new ArrayList<>();
        for (Mapping mapping : mappings) {
            byte[] entry = encoded.get(mapping);
            if (entry == null) {
                entry = ConfigsJson.entry(mapping);
                added.add(entry);
            }
            now.put(mapping, entry);
            entries.add(entry);
        }
        if (whole || !journal.isOpen() || journal.size() > Math.max(MIN_JOURNAL_FOLD_BYTES, fileBytes)) {
            byte[] content = ConfigsJson.file(entries);
            writer.write(file, content);
            fileBytes = content.length;
            encoded = now;
            try {
                journal.reset();
            } catch (IOException e) {
                // The file holds everything; the journal is closed, so the next write is whole again.
                LOG.warn("The mappings journal {} cannot be emptied ({}); the next change rewrites {} whole",
                        journal.path(), e.getMessage(), file);
            }
            return;
        }
        List<String> removed = new ArrayList<>();
        for (Mapping old : encoded.keySet()) {
            if (!now.containsKey(old)) {
                removed.add(old.id());
            }
        }
        if (!removed.isEmpty() || !added.isEmpty()) {
            journal.append(removed, added);
        }
        encoded = now;
    }

    /** Moves a journal that no longer belongs to the file aside, keeping it for the operator. */
    private void setJournalAside(String why) throws IOException {
        Path path = journal.path();
        journal.close();
        if (Files.notExists(path)) {
            return;
        }
        if (Files.size(path) == 0) {
            Files.delete(path);
            return;
        }
        Path aside = path.resolveSibling(path.getFileName() + ".orphan-" + LocalDateTime.now().format(ASIDE_STAMP));
        Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDirectory(path.getParent());
        LOG.warn("The mappings journal {} was moved aside to {}: {}", path, aside, why);
    }

    /** Runs a one-off file operation while no group-commit write is running, so the two never interleave. */
    private <T> T exclusively(FileAction<T> action) throws IOException {
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

    @FunctionalInterface
    private interface FileAction<T> {
        T run() throws IOException;
    }

    private Path moveAside() throws IOException {
        String stamp = LocalDateTime.now().format(ASIDE_STAMP);
        // Two bad files within one second must not replace each other: add a counter to the second.
        for (int attempt = 0; ; attempt++) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp
                    + (attempt == 0 ? "" : "-" + attempt));
            try {
                // No ATOMIC_MOVE: on POSIX it would silently replace an existing file of the same name.
                Files.move(file, aside);
                AtomicFiles.fsyncDirectory(file.getParent());
                return aside;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
