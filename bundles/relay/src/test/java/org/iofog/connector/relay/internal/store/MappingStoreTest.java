package org.iofog.connector.relay.internal.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.iofog.connector.api.mapping.Mapping;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MappingStoreTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeRegistry registry = new FakeRegistry();
    private Path dir;
    private Path file;
    private MappingStore store;

    @Before
    public void setUp() throws IOException {
        dir = tmp.newFolder("data").toPath();
        file = dir.resolve("configs.json");
        store = new MappingStore(file, registry::snapshot);
    }

    @Test
    public void aMissingFileLoadsAsNoMappings() throws Exception {
        assertEquals(List.of(), store.load());
        assertFalse(Files.exists(file));
    }

    @Test
    public void whatIsWrittenIsLoadedByAFreshStore() throws IOException {
        Mapping pub = FakeRegistry.publicMapping(6000, 6001);
        Mapping direct = FakeRegistry.directMapping();
        registry.add(pub);
        store.awaitDurable(registry.add(direct));

        assertEquals(List.of(pub, direct), new MappingStore(file, registry::snapshot).load());
    }

    @Test
    public void eachWriteHoldsExactlyTheCurrentMappingsThoughEncodingsAreReused() throws IOException {
        Mapping first = FakeRegistry.publicMapping(6000, 6001);
        Mapping second = FakeRegistry.privateMapping(6002, 6003);
        registry.add(first);
        store.awaitDurable(registry.add(second));
        Mapping third = FakeRegistry.publicMapping(6004, 6005);
        registry.remove(first.id());
        store.awaitDurable(registry.add(third));

        assertEquals("file and journal", List.of(second, third), MappingStore.readDurable(file));
        store.compact();
        assertArrayEquals("the file alone", ConfigsJson.write(List.of(second, third)), Files.readAllBytes(file));
        assertEquals(List.of(second, third), new MappingStore(file, registry::snapshot).load());
    }

    @Test
    public void aWriteCreatesParentDirectoriesAnOwnerOnlyFileAndLeavesNoTempFile() throws IOException {
        Path nested = dir.resolve("a/b/configs.json");
        MappingStore nestedStore = new MappingStore(nested, registry::snapshot);

        nestedStore.awaitDurable(registry.add(FakeRegistry.privateMapping(6000, 6001)));

        assertEquals(1, nestedStore.load().size());
        if (nested.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
        }
        assertEquals(List.of(nested), list(nested.getParent()));
    }

    @Test
    public void aCorruptFileIsMovedAsideIntactAndLoadsAsNoMappings() throws IOException {
        byte[] corrupt = "{\"mappings\":[{\"id\":\"a\",\"port1\":60".getBytes(StandardCharsets.UTF_8);
        Files.write(file, corrupt);

        assertEquals(List.of(), store.load());

        assertFalse(Files.exists(file));
        List<Path> files = list(dir);
        assertEquals(1, files.size());
        Path aside = files.get(0);
        assertTrue(aside.toString(), aside.getFileName().toString().matches("configs\\.json\\.corrupt-\\d{8}-\\d{6}"));
        assertArrayEquals(corrupt, Files.readAllBytes(aside));
    }

    @Test
    public void aFileThatBreaksARuleIsMovedAsideToo() throws IOException {
        registry.add(FakeRegistry.publicMapping(6000, 6001));
        store.awaitDurable(registry.add(FakeRegistry.publicMapping(6002, 6001)));
        store.compact();
        byte[] written = Files.readAllBytes(file);

        assertEquals(List.of(), new MappingStore(file, registry::snapshot).load());

        List<Path> files = list(dir);
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().startsWith("configs.json.corrupt-"));
        assertArrayEquals(written, Files.readAllBytes(files.get(0)));
    }

    @Test
    public void twoCorruptFilesWithinOneSecondBothSurvive() throws IOException {
        Files.writeString(file, "not json 1");
        store.load();
        Files.writeString(file, "not json 2");
        store.load();

        List<Path> files = list(dir);
        assertEquals(2, files.size());
        List<String> contents = files.stream().map(MappingStoreTest::read).sorted().collect(Collectors.toList());
        assertEquals(List.of("not json 1", "not json 2"), contents);
    }

    @Test
    public void theLegacyFileIsImportedWhenWeHaveNone() throws Exception {
        Path legacy = legacyFile(List.of(FakeRegistry.publicMapping(6000, 6001), FakeRegistry.directMapping()));
        byte[] legacyBefore = Files.readAllBytes(legacy);
        FileTime legacyModified = Files.getLastModifiedTime(legacy);

        assertTrue(store.importLegacy(legacy));

        assertEquals(ConfigsJson.read(legacy), store.load());
        assertArrayEquals(legacyBefore, Files.readAllBytes(legacy));
        assertEquals(legacyModified, Files.getLastModifiedTime(legacy));
    }

    @Test
    public void legacyEntriesWithoutCreatedKeepTheLegacyFileTime() throws IOException {
        Path legacy = tmp.newFolder("etc").toPath().resolve("configs.json");
        Files.writeString(legacy, "{\"mappings\":[{\"id\":\"c4f2\",\"port1\":0,\"port2\":0,\"maxconnectionsport1\":0,"
                + "\"maxconnectionsport2\":0,\"passcodeport1\":\"passkey\",\"passcodeport2\":\"\","
                + "\"heartbeatabsencethresholdport1\":0,\"heartbeatabsencethresholdport2\":0}]}");
        Instant modified = Instant.ofEpochMilli(1_600_000_000_000L);
        Files.setLastModifiedTime(legacy, FileTime.from(modified));

        assertTrue(store.importLegacy(legacy));

        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        assertEquals(modified, store.load().get(0).created());
    }

    @Test
    public void nothingIsImportedWhenWeHaveAFile() throws IOException {
        Mapping ours = FakeRegistry.privateMapping(7000, 7001);
        store.awaitDurable(registry.add(ours));
        Path legacy = legacyFile(List.of(FakeRegistry.publicMapping(6000, 6001)));

        assertFalse(store.importLegacy(legacy));

        assertEquals(List.of(ours), store.load());
    }

    @Test
    public void anInvalidLegacyFileIsNotImported() throws IOException {
        Path legacy = tmp.newFolder("etc").toPath().resolve("configs.json");
        Files.writeString(legacy, "{\"mappings\":[{\"id\":\"a\"}]}");

        assertFalse(store.importLegacy(legacy));

        assertEquals(List.of(), list(dir));
        assertEquals("{\"mappings\":[{\"id\":\"a\"}]}", Files.readString(legacy));
    }

    @Test
    public void aMissingLegacyFileImportsNothing() throws IOException {
        assertFalse(store.importLegacy(dir.resolve("absent.json")));

        assertEquals(List.of(), list(dir));
    }

    private Path legacyFile(List<Mapping> mappings) throws IOException {
        Path legacy = tmp.newFolder("etc").toPath().resolve("configs.json");
        Files.write(legacy, ConfigsJson.write(mappings));
        return legacy;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
