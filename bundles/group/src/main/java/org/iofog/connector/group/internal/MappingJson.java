package org.iofog.connector.group.internal;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;

/**
 * A mapping as the group's table holds it: a JSON string, so that no class of ours crosses the wire and
 * members of different versions read each other's entries as long as the fields stay.
 */
final class MappingJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingJson() {
    }

    static String write(Mapping m) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", m.id())
                .put("type", m.type().name())
                .put("port1", m.port1())
                .put("port2", m.port2())
                .put("maxConnectionsPort1", m.maxConnectionsPort1())
                .put("maxConnectionsPort2", m.maxConnectionsPort2())
                .put("passcodePort1", m.passcodePort1())
                .put("passcodePort2", m.passcodePort2())
                .put("heartbeatAbsenceThresholdPort1", m.heartbeatAbsenceThresholdPort1())
                .put("heartbeatAbsenceThresholdPort2", m.heartbeatAbsenceThresholdPort2())
                .put("created", m.created().toEpochMilli());
        return node.toString();
    }

    /** @throws IllegalArgumentException when the text is not a mapping this version understands */
    static Mapping read(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        return new Mapping(text(n, "id"), MappingType.valueOf(text(n, "type")), number(n, "port1").intValue(),
                number(n, "port2").intValue(), number(n, "maxConnectionsPort1").intValue(),
                number(n, "maxConnectionsPort2").intValue(), text(n, "passcodePort1"), text(n, "passcodePort2"),
                number(n, "heartbeatAbsenceThresholdPort1"), number(n, "heartbeatAbsenceThresholdPort2"),
                Instant.ofEpochMilli(number(n, "created")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a whole number");
        }
        return value.asLong();
    }
}
