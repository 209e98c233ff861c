package org.iofog.connector.api.mapping;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the connector, with the fields the legacy {@code configs.json} stores for it.
 *
 * <p>For a public pipe {@code passcodePort2} is empty (port2 takes anyone); for a direct entry
 * {@code port1} is 0 and {@code passcodePort1} holds the passkey.
 *
 * @param id                            random UUID
 * @param type                          public, private or direct
 * @param port1                         agent port (0 for direct)
 * @param port2                         public port of a public pipe, second agent port of a private pipe
 * @param maxConnectionsPort1           authenticated connections allowed on port1
 * @param maxConnectionsPort2           authenticated connections allowed on port2 (public clients: unbounded)
 * @param passcodePort1                 passcode agents send on port1
 * @param passcodePort2                 passcode agents send on port2 (empty for public)
 * @param heartbeatAbsenceThresholdPort1 ms without any byte from an agent on port1 before it is closed, 0 = never
 * @param heartbeatAbsenceThresholdPort2 the same for port2
 * @param created                       when the mapping was first added
 */
public record Mapping(String id, MappingType type, int port1, int port2,
                      int maxConnectionsPort1, int maxConnectionsPort2,
                      String passcodePort1, String passcodePort2,
                      long heartbeatAbsenceThresholdPort1, long heartbeatAbsenceThresholdPort2,
                      Instant created) {

    public Mapping {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(passcodePort1, "passcodePort1");
        Objects.requireNonNull(passcodePort2, "passcodePort2");
        Objects.requireNonNull(created, "created");
    }

    /** Never shows passcodes: mappings end up in logs. */
    @Override
    public String toString() {
        return "Mapping[" + type + " " + id + " ports " + port1 + "/" + port2 + "]";
    }
}
