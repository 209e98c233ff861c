package org.iofog.connector.config.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.support.json.JsonErrors;

/**
 * Reads the old daemon's {@code iofog-connector.conf}: JSON with {@code ports} and {@code exclude}
 * (arrays of {@code "a-b"} or {@code "a"}), {@code broker} (integer), {@code address} (string) and an
 * optional {@code dev} (boolean, false when absent, as the old daemon read it).
 */
final class LegacyConfigReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private LegacyConfigReader() {
    }

    static LegacyConfig read(Path file) throws LegacyConfigException {
        JsonNode root = parse(file);
        if (!root.isObject()) {
            throw new LegacyConfigException(file, "expected a JSON object with the fields ports, exclude,"
                    + " broker and address");
        }
        return new LegacyConfig(
                ranges(file, root, "ports"),
                ranges(file, root, "exclude"),
                broker(file, root),
                address(file, root),
                dev(file, root));
    }

    private static JsonNode parse(Path file) throws LegacyConfigException {
        try {
            byte[] content = Files.readAllBytes(file);
            JsonNode root = JSON.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw new LegacyConfigException(file, "the file is empty (expected JSON)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new LegacyConfigException(file, "not valid JSON" + JsonErrors.where(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LegacyConfigException(file, "cannot be read: " + e);
        }
    }

    private static JsonNode required(Path file, JsonNode root, String field) throws LegacyConfigException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new LegacyConfigException(file, "field \"" + field + "\" is missing");
        }
        return node;
    }

    private static List<PortRange> ranges(Path file, JsonNode root, String field) throws LegacyConfigException {
        JsonNode node = required(file, root, field);
        if (!node.isArray()) {
            throw new LegacyConfigException(file, "field \"" + field + "\" must be an array of port ranges"
                    + " such as [\"6000-6050\", \"7000\"]");
        }
        List<PortRange> ranges = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String text = item.isTextual() ? item.textValue() : item.isIntegralNumber() ? item.asText() : null;
            if (text == null) {
                throw new LegacyConfigException(file, "field \"" + field + "\" item " + (i + 1)
                        + ": " + item + " is not a port range string such as \"6000-6050\"");
            }
            try {
                ranges.add(PortRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw new LegacyConfigException(file, "field \"" + field + "\" item " + (i + 1) + ": "
                        + e.getMessage());
            }
        }
        return ranges;
    }

    private static int broker(Path file, JsonNode root) throws LegacyConfigException {
        JsonNode node = required(file, root, "broker");
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new LegacyConfigException(file, "field \"broker\": " + node + " is not a whole number");
        }
        int broker = node.intValue();
        if (broker < PortRange.MIN_PORT || broker > PortRange.MAX_PORT) {
            throw new LegacyConfigException(file, "field \"broker\": " + broker + " is not a port (expected "
                    + PortRange.MIN_PORT + "-" + PortRange.MAX_PORT + ")");
        }
        return broker;
    }

    private static String address(Path file, JsonNode root) throws LegacyConfigException {
        JsonNode node = required(file, root, "address");
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new LegacyConfigException(file, "field \"address\": " + node + " is not a host name or address");
        }
        return node.textValue().strip();
    }

    private static boolean dev(Path file, JsonNode root) throws LegacyConfigException {
        JsonNode node = root.get("dev");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new LegacyConfigException(file, "field \"dev\": " + node + " is not true or false");
        }
        return node.booleanValue();
    }
}
