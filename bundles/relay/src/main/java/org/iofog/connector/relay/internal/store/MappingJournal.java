package org.iofog.connector.relay.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.support.AtomicFiles;

/**
 * The changes made since the mappings file was last written whole, appended beside it
 * ({@code configs.json.journal}). Appending a batch and one {@code fdatasync} costs the same whatever
 * the number of mappings, where rewriting the file costs more with every mapping; the store folds the
 * journal into the file from time to time and at every start.
 *
 * <p>One batch is the lines {@code -<id>} (removed) and {@code +<entry>} (added, the file's JSON entry),
 * then {@code =<number of lines>}. Only batches that end with their count are replayed: a batch cut
 * short by a crash was never acknowledged, so it is dropped. Replaying batches over a file that already
 * contains them gives the same mappings, so a crash between writing the file and emptying the journal
 * loses nothing.
 */
final class MappingJournal implements Closeable {

    /** What a replay found. */
    record Replay(List<Mapping> mappings, int batches, String problem) {
    }

    private final Path path;
    private FileChannel channel;
    private long size;

    MappingJournal(Path file) {
        this.path = file.resolveSibling(file.getFileName() + ".journal");
    }

    Path path() {
        return path;
    }

    boolean isOpen() {
        return channel != null;
    }

    long size() {
        return size;
    }

    /**
     * Empties the journal, creating it (owner-only) when missing; the directory is synced after a creation
     * so that the journal itself survives a crash.
     */
    void reset() throws IOException {
        if (channel == null) {
            boolean created = Files.notExists(path);
            channel = FileChannel.open(path,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), AtomicFiles.ownerOnly(path.getParent()));
            if (created) {
                AtomicFiles.fsyncDirectory(path.getParent());
            }
        }
        try {
            channel.truncate(0);
            channel.force(true);
            size = 0;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Appends one batch and returns once it is on disk. After a failure the journal is closed: whatever
     * part of the batch reached the disk has no count line and is dropped at replay, and the store writes
     * the file whole before it appends again.
     */
    void append(List<String> removedIds, List<byte[]> addedEntries) throws IOException {
        byte[] batch = encode(removedIds, addedEntries);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(batch);
            while (buffer.hasRemaining()) {
                channel.write(buffer, size + buffer.position());
            }
            channel.force(false);
            size += batch.length;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing after a failure; the store rewrites the file whole next time.
            }
            channel = null;
        }
    }

    /**
     * The mappings after replaying the journal's complete batches over {@code base}, in order. A line that
     * is not a journal line ends the replay there, with the problem described.
     */
    Replay replay(List<Mapping> base, Instant createdIfAbsent) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new Replay(base, 0, null);
        }
        Map<String, Mapping> mappings = new LinkedHashMap<>();
        base.forEach(m -> mappings.put(m.id(), m));
        List<String> lines = completeLines(new String(content, StandardCharsets.UTF_8));
        List<String> batch = new ArrayList<>();
        int batches = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("=")) {
                if (!line.equals("=" + batch.size())) {
                    return new Replay(List.copyOf(mappings.values()), batches, problem(i, "a batch count of "
                            + line.substring(1) + " after " + batch.size() + " lines"));
                }
                try {
                    apply(batch, mappings, createdIfAbsent);
                } catch (InvalidMappingsFileException e) {
                    return new Replay(List.copyOf(mappings.values()), batches, problem(i, e.getMessage()));
                }
                batches++;
                batch.clear();
            } else if (line.startsWith("+") || line.startsWith("-")) {
                batch.add(line);
            } else {
                return new Replay(List.copyOf(mappings.values()), batches, problem(i, "not a journal line"));
            }
        }
        return new Replay(List.copyOf(mappings.values()), batches, null);
    }

    private void apply(List<String> batch, Map<String, Mapping> mappings, Instant createdIfAbsent)
            throws InvalidMappingsFileException {
        for (String line : batch) {
            if (line.startsWith("-")) {
                mappings.remove(line.substring(1));
            } else {
                byte[] file = ("{\"" + ConfigsJson.MAPPINGS + "\":[" + line.substring(1) + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                Mapping mapping = ConfigsJson.parse(file, path.toString(), createdIfAbsent).get(0);
                mappings.put(mapping.id(), mapping);
            }
        }
    }

    private String problem(int lineIndex, String what) {
        return path + ": line " + (lineIndex + 1) + ": " + what;
    }

    /** The lines that end with a newline; a last line without one was cut short by a crash. */
    private static List<String> completeLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    private static byte[] encode(List<String> removedIds, List<byte[]> addedEntries) {
        int size = 16;
        for (String id : removedIds) {
            size += id.length() + 2;
        }
        for (byte[] entry : addedEntries) {
            size += entry.length + 2;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (String id : removedIds) {
            out.put((byte) '-').put(id.getBytes(StandardCharsets.UTF_8)).put((byte) '\n');
        }
        for (byte[] entry : addedEntries) {
            out.put((byte) '+').put(entry).put((byte) '\n');
        }
        out.put(("=" + (removedIds.size() + addedEntries.size()) + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] batch = new byte[out.position()];
        out.flip().get(batch);
        return batch;
    }
}
