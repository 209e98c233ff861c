package org.iofog.connector.rest.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;

/**
 * The {@code mapping} field of {@code /api/v2/mapping/add}: a JSON object as a string, e.g.
 * {@code {"type":"public","maxconnections":60,"heartbeatabsencethreshold":200000}}. Numbers must be JSON
 * integers; anything else is refused with a message naming the field.
 */
final class MappingRequest {

    private final ObjectReader json;

    MappingRequest(ObjectMapper json) {
        // Trailing text after the object ("{...} {...}") is not JSON: refuse it rather than read the first part.
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** @return a {@link PublicPipeSpec} or a {@link PrivatePipeSpec} */
    Record parse(String text) throws ApiException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("field \"mapping\" is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ApiException.badRequest("field \"mapping\" cannot be read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("field \"mapping\" must be a JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw ApiException.badRequest("mapping: \"type\" is missing (expected \"public\" or \"private\")");
        }
        try {
            return switch (type.asText()) {
                case "public" -> new PublicPipeSpec(integer(node, "maxconnections"),
                        whole(node, "heartbeatabsencethreshold"));
                case "private" -> new PrivatePipeSpec(integer(node, "maxconnectionsport1"),
                        integer(node, "maxconnectionsport2"), whole(node, "heartbeatabsencethresholdport1"),
                        whole(node, "heartbeatabsencethresholdport2"));
                default -> throw ApiException.badRequest("mapping: unknown \"type\" \"" + type.asText()
                        + "\" (expected \"public\" or \"private\")");
            };
        } catch (IllegalArgumentException e) {
            // The specs check ranges (at least 1 connection, no negative threshold) and say which field.
            throw ApiException.badRequest("mapping: " + e.getMessage());
        }
    }

    private static int integer(JsonNode node, String field) throws ApiException {
        long value = whole(node, field);
        if (value > Integer.MAX_VALUE) {
            throw ApiException.badRequest("mapping: \"" + field + "\" is too large (" + value + ")");
        }
        return (int) value;
    }

    private static long whole(JsonNode node, String field) throws ApiException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("mapping: \"" + field + "\" is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest("mapping: \"" + field + "\" must be a whole number, was " + value);
        }
        long number = value.asLong();
        if (number < 0) {
            throw ApiException.badRequest("mapping: \"" + field + "\" must not be negative, was " + number);
        }
        return number;
    }
}
