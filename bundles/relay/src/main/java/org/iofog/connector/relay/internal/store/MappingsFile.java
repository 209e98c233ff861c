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

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.support.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mappings file on disk and its {@link MappingJournal}: what is read at start (the journal replayed and
 * folded in, a bad file moved aside), and how a snapshot is put on disk (appended to the journal, or the file
 * written whole and atomically). Not thread-safe: {@link GroupCommit} lets one caller at a time in.
 */
final class MappingsFile {

    /** Logged under the store's name, which the operators' log lines have always shown. */
    private static final Logger LOG = LoggerFactory.getLogger(MappingStore.class);
    /** The journal is folded into the file once it is larger than the file and than this. */
    private static final long MIN_JOURNAL_FOLD_BYTES = 64 * 1024;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final MappingJournal journal;
    private final MappingStore.FileWriter writer;
    /**
     * The mappings on disk (file and journal), by instance, with their encodings (mappings are immutable). A
     * write appends what differs from these, or writes them all.
     */
    private Map<Mapping, byte[]> encoded = new IdentityHashMap<>();
    /** Size of the file when last written whole: the journal is folded in once it grows past it. */
    private long fileBytes;

    /** @param writer replaces the file's content durably */
    MappingsFile(Path file, MappingStore.FileWriter writer) {
        this.file = file;
        this.journal = new MappingJournal(file);
        this.writer = writer;
    }

    /**
     * The stored mappings; see {@link MappingStore#load()}.
     */
    List<Mapping> load() throws IOException {
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
    }

    /** The mappings on disk, read without changing anything; see {@link MappingStore#readDurable}. */
    static List<Mapping> readDurable(Path file) throws IOException {
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
     * Writes the legacy mappings as this file when there is none yet; see {@link MappingStore#importLegacy}.
     *
     * @return true when the legacy mappings were written to the file
     */
    boolean importLegacy(Path legacy) throws IOException {
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
        LOG.info("Imported {} mappings from the legacy file {} into {}", mappings.size(), legacy, file);
        return true;
    }

    /**
     * Puts a snapshot on disk: appends what changed to the journal, or writes the file whole when asked, when
     * the journal is not open (first write, after a failure) or when it has grown past the file. What is known
     * to be on disk changes only once the snapshot is durable.
     */
    void persist(MappingStore.Snapshot snapshot, boolean whole) throws IOException {
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
