package org.iofog.connector.relay.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.iofog.connector.api.mapping.Mapping;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The journal beside the mappings file: what a crash can leave in it, and what is made of it at start. */
public class MappingJournalTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeRegistry registry = new FakeRegistry();
    private Path file;
    private Path journal;
    private MappingStore store;

    @Before
    public void setUp() throws IOException {
        file = tmp.newFolder("data").toPath().resolve("configs.json");
        journal = file.resolveSibling("configs.json.journal");
        store = new MappingStore(file, registry::snapshot);
    }

    @Test
    public void changesAfterTheFirstWriteGoToTheJournalAndAreFoldedInAtLoad() throws Exception {
        Mapping first = FakeRegistry.publicMapping(6000, 6001);
        store.awaitDurable(registry.add(first));
        byte[] fileAfterFirst = Files.readAllBytes(file);
        Mapping second = FakeRegistry.privateMapping(6002, 6003);
        store.awaitDurable(registry.add(second));
        store.awaitDurable(registry.remove(first.id()));

        assertEquals("the file was not rewritten", new String(fileAfterFirst, StandardCharsets.UTF_8),
                Files.readString(file));
        assertTrue(Files.size(journal) > 0);
        assertEquals(List.of(second), new MappingStore(file, registry::snapshot).load());
        assertFalse("folded in and gone", Files.exists(journal));
        assertEquals(List.of(second), ConfigsJson.read(file));
    }

    @Test
    public void aBatchCutShortByACrashIsDroppedAndTheOnesBeforeAreKept() throws Exception {
        Mapping first = FakeRegistry.publicMapping(6000, 6001);
        store.awaitDurable(registry.add(first));
        Mapping second = FakeRegistry.publicMapping(6002, 6003);
        store.awaitDurable(registry.add(second));
        // What a crash in the middle of the next append leaves: an entry without its count, then half a line.
        String unacknowledged = Files.readString(journal).lines().filter(l -> l.startsWith("+")).findFirst()
                .orElseThrow().replace(second.id(), "3e1fd9d4-5b4e-4bd9-9d1e-000000000000")
                .replace("6002", "6100").replace("6003", "6101");
        Files.writeString(journal, unacknowledged + "\n+{\"id\":\"half", StandardOpenOption.APPEND);

        assertEquals(List.of(first, second), new MappingStore(file, registry::snapshot).load());
        assertEquals(List.of(first, second), ConfigsJson.read(file));
    }

    @Test
    public void aGarbledJournalKeepsTheChangesBeforeTheGarbageAndIsSetAside() throws Exception {
        Mapping first = FakeRegistry.publicMapping(6000, 6001);
        store.awaitDurable(registry.add(first));
        Mapping second = FakeRegistry.publicMapping(6002, 6003);
        store.awaitDurable(registry.add(second));
        Files.writeString(journal, "this is not a journal line\n=0\n", StandardOpenOption.APPEND);

        assertEquals(List.of(first, second), new MappingStore(file, registry::snapshot).load());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertTrue("kept for the operator", files.anyMatch(p -> p.getFileName().toString()
                    .startsWith("configs.json.journal.orphan-")));
        }
        assertFalse(Files.exists(journal));
    }

    @Test
    public void aJournalReplayedOverAFileThatHasItsChangesGivesTheSameMappings() throws Exception {
        Mapping first = FakeRegistry.publicMapping(6000, 6001);
        store.awaitDurable(registry.add(first));
        Mapping second = FakeRegistry.privateMapping(6002, 6003);
        store.awaitDurable(registry.add(second));
        store.awaitDurable(registry.remove(first.id()));
        String journalText = Files.readString(journal);
        // A crash after the file was written whole but before the journal was emptied.
        store.compact();
        Files.writeString(journal, journalText);

        assertEquals(List.of(second), new MappingStore(file, registry::snapshot).load());
    }

    @Test
    public void theJournalIsFoldedIntoTheFileOnceItOutgrowsIt() throws IOException {
        int port = 6000;
        for (int i = 0; i < 400; i++) {
            Mapping mapping = FakeRegistry.publicMapping(port++, port++);
            store.awaitDurable(registry.add(mapping));
            store.awaitDurable(registry.remove(mapping.id()));
        }
        assertTrue("journal " + Files.size(journal) + " bytes", Files.size(journal) <= 64 * 1024 + 1024);
        assertEquals(List.of(), MappingStore.readDurable(file));
    }
}
