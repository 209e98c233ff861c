package org.iofog.connector.relay.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.support.json.JsonErrors;

/**
 * The legacy {@code configs.json} format:
 * {@code {"mappings":[{"id","port1","port2","maxconnectionsport1","maxconnectionsport2","passcodeport1",
 * "passcodeport2","heartbeatabsencethresholdport1","heartbeatabsencethresholdport2"}]}}, plus our optional
 * {@code "created"} (epoch ms). The old daemon stored no type, so it is inferred: {@code port1} 0 is a
 * direct entry (its passkey in {@code passcodeport1}), an empty {@code passcodeport2} a public pipe,
 * anything else a private pipe.
 *
 * <p>Reading checks every entry, because a file we accept is reopened on the same ports with the same
 * passcodes; a bad one must be reported precisely, never half-loaded.
 */
public final class ConfigsJson {

    static final String MAPPINGS = "mappings";
    static final String ID = "id";
    static final String PORT1 = "port1";
    static final String PORT2 = "port2";
    static final String MAX_CONNECTIONS_PORT1 = "maxconnectionsport1";
    static final String MAX_CONNECTIONS_PORT2 = "maxconnectionsport2";
    static final String PASSCODE_PORT1 = "passcodeport1";
    static final String PASSCODE_PORT2 = "passcodeport2";
    static final String THRESHOLD_PORT1 = "heartbeatabsencethresholdport1";
    static final String THRESHOLD_PORT2 = "heartbeatabsencethresholdport2";
    static final String CREATED = "created";

    private static final byte[] NEW_LINE = "\n  ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\n  ".getBytes(StandardCharsets.US_ASCII);

    private static final int MAX_PORT = 65535;

    // Duplicate keys and trailing garbage are signs of a damaged file, not something to guess around.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private ConfigsJson() {
    }

    /**
     * Reads and checks a mappings file. Entries without {@code "created"} get the file's last-modified time
     * (the best guess for a file the old daemon wrote).
     *
     * @throws IOException                   the file cannot be read ({@code NoSuchFileException} when absent)
     * @throws InvalidMappingsFileException the content is not a valid mappings file
     */
    public static List<Mapping> read(Path file) throws IOException, InvalidMappingsFileException {
        byte[] content = Files.readAllBytes(file);
        Instant createdIfAbsent;
        try {
            createdIfAbsent = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            createdIfAbsent = Instant.now();
        }
        return parse(content, file.toString(), createdIfAbsent);
    }

    /**
     * Parses and checks mappings file content.
     *
     * @param source          how to name the file in messages (its path)
     * @param createdIfAbsent the creation time of entries that have no {@code "created"}
     */
    public static List<Mapping> parse(byte[] content, String source, Instant createdIfAbsent)
            throws InvalidMappingsFileException {
        JsonNode root = tree(content, source);
        if (!root.isObject()) {
            throw new InvalidMappingsFileException(source + ": expected a JSON object with the field \""
                    + MAPPINGS + "\"");
        }
        JsonNode entries = root.get(MAPPINGS);
        if (entries == null) {
            throw new InvalidMappingsFileException(source + ": field \"" + MAPPINGS + "\" is missing");
        }
        if (!entries.isArray()) {
            throw new InvalidMappingsFileException(source + ": field \"" + MAPPINGS + "\" must be an array, was "
                    + kind(entries));
        }
        List<Mapping> mappings = new ArrayList<>(entries.size());
        Map<String, Integer> indexById = new HashMap<>();
        Map<Integer, String> userByPort = new HashMap<>();
        for (int index = 0; index < entries.size(); index++) {
            Entry entry = new Entry(source, index, entries.get(index));
            Mapping mapping = entry.read(createdIfAbsent);
            Integer earlier = indexById.putIfAbsent(mapping.id(), index);
            if (earlier != null) {
                throw entry.problem(ID, "repeats the id of mapping " + earlier);
            }
            // Direct entries hold no relay ports (the old daemon may have put the broker port in port2).
            if (mapping.type() != MappingType.DIRECT) {
                claimPort(entry, userByPort, PORT1, mapping.port1());
                claimPort(entry, userByPort, PORT2, mapping.port2());
            }
            mappings.add(mapping);
        }
        return mappings;
    }

    /**
     * The file content for these mappings, every field under its legacy name.
     *
     * @throws IllegalArgumentException a mapping would read back as another type (e.g. a public pipe with a
     *                                  second passcode): storing it would silently change it
     */
    public static byte[] write(List<Mapping> mappings) {
        List<byte[]> entries = new ArrayList<>(mappings.size());
        for (Mapping mapping : mappings) {
            entries.add(entry(mapping));
        }
        return file(entries);
    }

    /**
     * One mapping as the compact JSON object the file holds. Mappings never change, so the store
     * encodes each once and a write only concatenates: rewriting thousands of mappings for every change
     * then costs a copy, not a serialisation.
     */
    static byte[] entry(Mapping mapping) {
        requireStorable(mapping);
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(ID, mapping.id());
            json.writeNumberField(PORT1, mapping.port1());
            json.writeNumberField(PORT2, mapping.port2());
            json.writeNumberField(MAX_CONNECTIONS_PORT1, mapping.maxConnectionsPort1());
            json.writeNumberField(MAX_CONNECTIONS_PORT2, mapping.maxConnectionsPort2());
            json.writeStringField(PASSCODE_PORT1, mapping.passcodePort1());
            json.writeStringField(PASSCODE_PORT2, mapping.passcodePort2());
            json.writeNumberField(THRESHOLD_PORT1, mapping.heartbeatAbsenceThresholdPort1());
            json.writeNumberField(THRESHOLD_PORT2, mapping.heartbeatAbsenceThresholdPort2());
            json.writeNumberField(CREATED, mapping.created().toEpochMilli());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** The whole file from entries made by {@link #entry}: one mapping per line, readable with any editor. */
    static byte[] file(List<byte[]> entries) {
        byte[] head = ("{\"" + MAPPINGS + "\": [").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n]}\n".getBytes(StandardCharsets.US_ASCII);
        int size = head.length + tail.length;
        for (byte[] entry : entries) {
            size += entry.length + 4;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(head);
        for (int i = 0; i < entries.size(); i++) {
            out.writeBytes(i == 0 ? NEW_LINE : SEPARATOR);
            out.writeBytes(entries.get(i));
        }
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private static void requireStorable(Mapping mapping) {
        boolean direct = mapping.port1() == 0;
        boolean noPasscode2 = mapping.passcodePort2().isEmpty();
        MappingType readBackAs = direct ? MappingType.DIRECT : noPasscode2 ? MappingType.PUBLIC : MappingType.PRIVATE;
        if (readBackAs != mapping.type()) {
            throw new IllegalArgumentException(mapping + " cannot be stored: it would read back as " + readBackAs
                    + " (direct entries have port1 0, public pipes an empty passcodePort2, private pipes both"
                    + " passcodes)");
        }
    }

    private static JsonNode tree(byte[] content, String source) throws InvalidMappingsFileException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            // Jackson may quote another location as "[Source: REDACTED (...); line: 1, column: 14]": keep it short.
            String problem = JACKSON_LOCATION.matcher(e.getOriginalMessage()).replaceAll("[line $1, column $2]");
            throw new InvalidMappingsFileException(source + ": not valid JSON" + JsonErrors.where(e) + ": " + problem);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory cannot fail", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidMappingsFileException(source + ": the file is empty (expected JSON)");
        }
        return root;
    }

    private static void claimPort(Entry entry, Map<Integer, String> userByPort, String field, int port)
            throws InvalidMappingsFileException {
        String user = entry.describe() + " \"" + field + "\"";
        String earlier = userByPort.putIfAbsent(port, user);
        if (earlier != null) {
            throw entry.problem(field, "is " + port + ", a port already used by " + earlier);
        }
    }

    /** Names a JSON value in a message without printing strings (they may be passcodes). */
    private static String kind(JsonNode node) {
        if (node.isNumber() || node.isBoolean() || node.isNull()) {
            return node.toString();
        }
        return node.isTextual() ? "a string" : node.isArray() ? "an array" : "an object";
    }

    /** One entry being read; knows its index and, once read, its id, so every message can name both. */
    private static final class Entry {

        private final String source;
        private final int index;
        private final JsonNode node;
        private String id;

        Entry(String source, int index, JsonNode node) {
            this.source = source;
            this.index = index;
            this.node = node;
        }

        Mapping read(Instant createdIfAbsent) throws InvalidMappingsFileException {
            if (!node.isObject()) {
                throw new InvalidMappingsFileException(source + ": " + describe() + " must be a JSON object, was "
                        + kind(node));
            }
            String readId = string(ID);
            if (readId.isEmpty()) {
                throw problem(ID, "must not be empty");
            }
            id = readId;

            // Presence and JSON types first, in the file's field order; the rules that depend on the type next.
            int port1 = (int) number(PORT1, 0, MAX_PORT);
            int port2 = (int) number(PORT2, 0, MAX_PORT);
            int max1 = (int) number(MAX_CONNECTIONS_PORT1, 0, Integer.MAX_VALUE);
            int max2 = (int) number(MAX_CONNECTIONS_PORT2, 0, Integer.MAX_VALUE);
            String passcode1 = string(PASSCODE_PORT1);
            String passcode2 = string(PASSCODE_PORT2);
            long threshold1 = number(THRESHOLD_PORT1, 0, Long.MAX_VALUE);
            long threshold2 = number(THRESHOLD_PORT2, 0, Long.MAX_VALUE);
            Instant created = node.has(CREATED)
                    ? Instant.ofEpochMilli(number(CREATED, 0, Long.MAX_VALUE))
                    : createdIfAbsent;

            MappingType type = port1 == 0 ? MappingType.DIRECT
                    : passcode2.isEmpty() ? MappingType.PUBLIC : MappingType.PRIVATE;
            if (type != MappingType.DIRECT) {
                if (port2 == 0) {
                    throw problem(PORT2, "must be between 1 and " + MAX_PORT + " (port1 is not 0, so this is not a"
                            + " direct entry), was 0");
                }
                atLeast(MAX_CONNECTIONS_PORT1, max1, 1);
            }
            if (type == MappingType.PRIVATE) {
                atLeast(MAX_CONNECTIONS_PORT2, max2, 1);
            }
            if (passcode1.isEmpty()) {
                throw problem(PASSCODE_PORT1, "must not be empty");
            }
            return new Mapping(id, type, port1, port2, max1, max2, passcode1, passcode2, threshold1, threshold2,
                    created);
        }

        String describe() {
            return "mapping " + index + (id == null ? "" : " (id " + id + ")");
        }

        InvalidMappingsFileException problem(String field, String what) {
            return new InvalidMappingsFileException(source + ": " + describe() + ": field \"" + field + "\" " + what);
        }

        private JsonNode field(String name) throws InvalidMappingsFileException {
            JsonNode value = node.get(name);
            if (value == null) {
                throw problem(name, "is missing");
            }
            return value;
        }

        private String string(String name) throws InvalidMappingsFileException {
            JsonNode value = field(name);
            if (!value.isTextual()) {
                throw problem(name, "must be a string, was " + kind(value));
            }
            return value.textValue();
        }

        private long number(String name, long min, long max) throws InvalidMappingsFileException {
            JsonNode value = field(name);
            if (!value.isIntegralNumber()) {
                throw problem(name, "must be a whole number, was " + kind(value));
            }
            boolean fits = value.canConvertToLong();
            boolean tooSmall = fits ? value.longValue() < min : value.bigIntegerValue().signum() < 0;
            if (!fits || tooSmall || value.longValue() > max) {
                String rule = max == MAX_PORT ? "must be between " + min + " and " + max
                        : !tooSmall ? "must be at most " + max
                        : min == 0 ? "must not be negative" : "must be at least " + min;
                throw problem(name, rule + ", was " + value);
            }
            return value.longValue();
        }

        private void atLeast(String name, long value, long min) throws InvalidMappingsFileException {
            if (value < min) {
                throw problem(name, "must be at least " + min + ", was " + value);
            }
        }
    }
}
