package org.iofog.connector.relay.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigsJsonTest {

    private static final String SOURCE = "/x/configs.json";
    private static final Instant FALLBACK = Instant.ofEpochMilli(1_700_000_000_000L);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void roundTripKeepsEveryFieldOfEachType() throws Exception {
        List<Mapping> mappings = List.of(
                FakeRegistry.publicMapping(6000, 6001),
                FakeRegistry.privateMapping(6002, 6003),
                FakeRegistry.directMapping());

        List<Mapping> read = ConfigsJson.parse(ConfigsJson.write(mappings), SOURCE, FALLBACK);

        assertEquals(mappings, read);
        assertEquals(MappingType.PUBLIC, read.get(0).type());
        assertEquals(MappingType.PRIVATE, read.get(1).type());
        assertEquals(MappingType.DIRECT, read.get(2).type());
    }

    @Test
    public void writesTheLegacyFieldsWithJsonNumbersAndStrings() throws Exception {
        Mapping mapping = FakeRegistry.privateMapping(6002, 6003);

        JsonNode root = new ObjectMapper().readTree(ConfigsJson.write(List.of(mapping)));

        JsonNode entry = root.get("mappings").get(0);
        List<String> names = new ArrayList<>();
        entry.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "port1", "port2", "maxconnectionsport1", "maxconnectionsport2", "passcodeport1",
                "passcodeport2", "heartbeatabsencethresholdport1", "heartbeatabsencethresholdport2", "created"), names);
        for (String number : List.of("port1", "port2", "maxconnectionsport1", "maxconnectionsport2",
                "heartbeatabsencethresholdport1", "heartbeatabsencethresholdport2", "created")) {
            assertTrue(number + " is a JSON number", entry.get(number).isIntegralNumber());
        }
        for (String text : List.of("id", "passcodeport1", "passcodeport2")) {
            assertTrue(text + " is a JSON string", entry.get(text).isTextual());
        }
        assertEquals(6002, entry.get("port1").intValue());
        assertEquals(mapping.passcodePort2(), entry.get("passcodeport2").textValue());
        assertEquals(150000, entry.get("heartbeatabsencethresholdport2").longValue());
        assertEquals(mapping.created().toEpochMilli(), entry.get("created").longValue());
    }

    @Test
    public void readsAHandWrittenLegacyFileAndInfersTheTypes() throws Exception {
        // As the old daemon wrote it: one line, no "created", a direct entry with port1 0.
        String legacy = "{\"mappings\":["
                + "{\"id\":\"7d3b\",\"port1\":6000,\"port2\":6001,\"maxconnectionsport1\":60,\"maxconnectionsport2\":0,"
                + "\"passcodeport1\":\"pc-a\",\"passcodeport2\":\"\",\"heartbeatabsencethresholdport1\":200000,"
                + "\"heartbeatabsencethresholdport2\":200000},"
                + "{\"id\":\"9e01\",\"port1\":6002,\"port2\":6003,\"maxconnectionsport1\":1,\"maxconnectionsport2\":1,"
                + "\"passcodeport1\":\"pc-b\",\"passcodeport2\":\"pc-c\",\"heartbeatabsencethresholdport1\":200000,"
                + "\"heartbeatabsencethresholdport2\":100000},"
                + "{\"id\":\"c4f2\",\"port1\":0,\"port2\":0,\"maxconnectionsport1\":0,\"maxconnectionsport2\":0,"
                + "\"passcodeport1\":\"passkey\",\"passcodeport2\":\"\",\"heartbeatabsencethresholdport1\":0,"
                + "\"heartbeatabsencethresholdport2\":0}]}";
        Path file = tmp.newFile("configs.json").toPath();
        Files.writeString(file, legacy);
        Instant modified = Instant.ofEpochMilli(1_600_000_000_000L);
        Files.setLastModifiedTime(file, FileTime.from(modified));

        List<Mapping> read = ConfigsJson.read(file);

        assertEquals(List.of(
                new Mapping("7d3b", MappingType.PUBLIC, 6000, 6001, 60, 0, "pc-a", "", 200000, 200000, modified),
                new Mapping("9e01", MappingType.PRIVATE, 6002, 6003, 1, 1, "pc-b", "pc-c", 200000, 100000, modified),
                new Mapping("c4f2", MappingType.DIRECT, 0, 0, 0, 0, "passkey", "", 0, 0, modified)), read);
    }

    @Test
    public void createdIsReadWhenPresent() throws Exception {
        List<Mapping> read = ConfigsJson.parse(file(entry("a", "created", "1234")).getBytes(UTF_8), SOURCE, FALLBACK);

        assertEquals(Instant.ofEpochMilli(1234), read.get(0).created());
    }

    @Test
    public void directEntriesMayShareTheirPort2() throws Exception {
        String direct1 = direct("d1", "port2", "9000");
        String direct2 = direct("d2", "port2", "9000");

        List<Mapping> read = ConfigsJson.parse(file(direct1, direct2).getBytes(UTF_8), SOURCE, FALLBACK);

        assertEquals(2, read.size());
        assertEquals(MappingType.DIRECT, read.get(1).type());
    }

    @Test
    public void anEmptyListIsValid() throws Exception {
        assertEquals(List.of(), ConfigsJson.parse("{\"mappings\":[]}".getBytes(UTF_8), SOURCE, FALLBACK));
    }

    @Test
    public void eachInvalidEntryIsReportedWithFileIndexIdAndField() {
        String m0 = SOURCE + ": mapping 0 (id a): ";
        assertInvalid(file(entry("a", "port1", null)), m0 + "field \"port1\" is missing");
        assertInvalid(file(entry("a", "port1", "70000")), m0 + "field \"port1\" must be between 0 and 65535, was 70000");
        assertInvalid(file(entry("a", "port1", "-1")), m0 + "field \"port1\" must be between 0 and 65535, was -1");
        assertInvalid(file(entry("a", "port1", "\"6000\"")), m0 + "field \"port1\" must be a whole number, was a string");
        assertInvalid(file(entry("a", "port1", "6000.5")), m0 + "field \"port1\" must be a whole number, was 6000.5");
        assertInvalid(file(entry("a", "port2", "0")), m0 + "field \"port2\" must be between 1 and 65535 (port1 is not 0,"
                + " so this is not a direct entry), was 0");
        assertInvalid(file(entry("a", "port2", "65536")), m0 + "field \"port2\" must be between 0 and 65535, was 65536");
        assertInvalid(file(entry("a", "maxconnectionsport1", "0")),
                m0 + "field \"maxconnectionsport1\" must be at least 1, was 0");
        assertInvalid(file(entry("a", "maxconnectionsport2", "-1")),
                m0 + "field \"maxconnectionsport2\" must not be negative, was -1");
        assertInvalid(file(entry("a", "maxconnectionsport2", "3000000000")),
                m0 + "field \"maxconnectionsport2\" must be at most 2147483647, was 3000000000");
        assertInvalid(file(entry("a", "passcodeport2", "\"p2\"", "maxconnectionsport2", "0")),
                m0 + "field \"maxconnectionsport2\" must be at least 1, was 0");
        assertInvalid(file(entry("a", "heartbeatabsencethresholdport1", "-5")),
                m0 + "field \"heartbeatabsencethresholdport1\" must not be negative, was -5");
        assertInvalid(file(entry("a", "heartbeatabsencethresholdport2", null)),
                m0 + "field \"heartbeatabsencethresholdport2\" is missing");
        assertInvalid(file(entry("a", "passcodeport1", null)), m0 + "field \"passcodeport1\" is missing");
        assertInvalid(file(entry("a", "passcodeport1", "\"\"")), m0 + "field \"passcodeport1\" must not be empty");
        assertInvalid(file(direct("a", "passcodeport1", "\"\"")), m0 + "field \"passcodeport1\" must not be empty");
        assertInvalid(file(entry("a", "passcodeport2", "null")), m0 + "field \"passcodeport2\" must be a string, was null");
        assertInvalid(file(entry("a", "passcodeport2", "7")), m0 + "field \"passcodeport2\" must be a string, was 7");
        assertInvalid(file(entry("a", "created", "-1")), m0 + "field \"created\" must not be negative, was -1");

        assertInvalid(file(entry("a", "id", null)), SOURCE + ": mapping 0: field \"id\" is missing");
        assertInvalid(file(entry("a", "id", "\"\"")), SOURCE + ": mapping 0: field \"id\" must not be empty");
        assertInvalid(file(entry("a", "id", "5")), SOURCE + ": mapping 0: field \"id\" must be a string, was 5");
        assertInvalid(file(entry("a"), "5"), SOURCE + ": mapping 1 must be a JSON object, was 5");
    }

    @Test
    public void theIndexCountsFromZeroAndNamesTheId() {
        String third = entry("1f0e", "port1", "6010", "port2", "6011", "passcodeport1", null);

        assertInvalid(file(entry("a"), entry("b", "port1", "6002", "port2", "6003"), direct("c"), third),
                SOURCE + ": mapping 3 (id 1f0e): field \"passcodeport1\" is missing");
    }

    @Test
    public void duplicateIdsAndPortsAreReported() {
        assertInvalid(file(entry("a"), entry("a", "port1", "6002", "port2", "6003")),
                SOURCE + ": mapping 1 (id a): field \"id\" repeats the id of mapping 0");
        assertInvalid(file(entry("a"), entry("b", "port1", "6002", "port2", "6000")),
                SOURCE + ": mapping 1 (id b): field \"port2\" is 6000, a port already used by mapping 0 (id a) \"port1\"");
        assertInvalid(file(entry("a", "port2", "6000")),
                SOURCE + ": mapping 0 (id a): field \"port2\" is 6000, a port already used by mapping 0 (id a) \"port1\"");
    }

    @Test
    public void theFileShapeIsChecked() {
        assertInvalid("", SOURCE + ": the file is empty (expected JSON)");
        assertInvalid("[1]", SOURCE + ": expected a JSON object with the field \"mappings\"");
        assertInvalid("{}", SOURCE + ": field \"mappings\" is missing");
        assertInvalid("{\"mappings\":{}}", SOURCE + ": field \"mappings\" must be an array, was an object");
    }

    @Test
    public void nonJsonIsReportedWithLineAndColumn() {
        String broken = "{\"mappings\": [\n  {\"id\": \"a\", \"port1\": 6000,,\n";

        // The second comma is the 29th character of line 2.
        assertInvalid(broken, SOURCE + ": not valid JSON at line 2, column 29: Unexpected character (',' (code 44)):"
                + " was expecting double-quote to start field name");
    }

    @Test
    public void anUnterminatedObjectNamesWhereItStarted() {
        assertInvalid("{\"mappings\":[{\"id\":\"a\",\"port1\":60", SOURCE + ": not valid JSON at line 1, column 34:"
                + " Unexpected end-of-input: expected close marker for Object (start marker at [line 1, column 14])");
    }

    @Test
    public void aDuplicateKeyIsNotValidJson() {
        String message = invalid(file(entry("a").replace("{", "{\"port1\":6005,")));

        assertTrue(message, message.startsWith(SOURCE + ": not valid JSON at line 1, column "));
        assertTrue(message, message.contains("Duplicate field 'port1'"));
    }

    @Test
    public void aTruncatedFileIsNotValidJson() {
        String whole = file(entry("a"), entry("b", "port1", "6002", "port2", "6003"));

        String message = invalid(whole.substring(0, whole.length() / 2));

        assertTrue(message, message.startsWith(SOURCE + ": not valid JSON at line 1, column "));
    }

    @Test
    public void writingRefusesAMappingThatWouldReadBackAsAnotherType() {
        Mapping pub = FakeRegistry.publicMapping(6000, 6001);
        Mapping publicWithPasscode2 = new Mapping(pub.id(), MappingType.PUBLIC, 6000, 6001, 1, 0, "p1", "p2", 0, 0,
                pub.created());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigsJson.write(List.of(publicWithPasscode2)));

        assertTrue(e.getMessage(), e.getMessage().contains("would read back as PRIVATE"));
    }

    private static void assertInvalid(String content, String expected) {
        assertEquals(expected, invalid(content));
    }

    private static String invalid(String content) {
        return assertThrows(InvalidMappingsFileException.class,
                () -> ConfigsJson.parse(content.getBytes(UTF_8), SOURCE, FALLBACK)).getMessage();
    }

    private static String file(String... entries) {
        return "{\"mappings\":[" + String.join(",", entries) + "]}";
    }

    /** A valid public entry on ports 6000/6001 with some fields replaced (raw JSON) or removed (null). */
    private static String entry(String id, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "\"" + id + "\"");
        fields.put("port1", "6000");
        fields.put("port2", "6001");
        fields.put("maxconnectionsport1", "60");
        fields.put("maxconnectionsport2", "0");
        fields.put("passcodeport1", "\"pc-" + id + "\"");
        fields.put("passcodeport2", "\"\"");
        fields.put("heartbeatabsencethresholdport1", "200000");
        fields.put("heartbeatabsencethresholdport2", "200000");
        return json(fields, changes);
    }

    private static String direct(String id, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "\"" + id + "\"");
        fields.put("port1", "0");
        fields.put("port2", "0");
        fields.put("maxconnectionsport1", "0");
        fields.put("maxconnectionsport2", "0");
        fields.put("passcodeport1", "\"key-" + id + "\"");
        fields.put("passcodeport2", "\"\"");
        fields.put("heartbeatabsencethresholdport1", "0");
        fields.put("heartbeatabsencethresholdport2", "0");
        return json(fields, changes);
    }

    private static String json(Map<String, String> fields, String... changes) {
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                fields.remove(changes[i]);
            } else {
                fields.put(changes[i], changes[i + 1]);
            }
        }
        StringBuilder json = new StringBuilder("{");
        for (Iterator<Map.Entry<String, String>> it = fields.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> field = it.next();
            json.append('"').append(field.getKey()).append("\":").append(field.getValue());
            if (it.hasNext()) {
                json.append(',');
            }
        }
        return json.append('}').toString();
    }
}
