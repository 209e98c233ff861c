package org.iofog.connector.api.mapping;

/**
 * What the Controller asks for a private pipe:
 * {@code {"type":"private","maxconnectionsport1":1,"maxconnectionsport2":1,
 * "heartbeatabsencethresholdport1":200000,"heartbeatabsencethresholdport2":200000}}.
 */
public record PrivatePipeSpec(int maxConnectionsPort1, int maxConnectionsPort2,
                              long heartbeatAbsenceThresholdPort1, long heartbeatAbsenceThresholdPort2) {

    public PrivatePipeSpec {
        requireAtLeastOne(maxConnectionsPort1, "maxconnectionsport1");
        requireAtLeastOne(maxConnectionsPort2, "maxconnectionsport2");
        requireNotNegative(heartbeatAbsenceThresholdPort1, "heartbeatabsencethresholdport1");
        requireNotNegative(heartbeatAbsenceThresholdPort2, "heartbeatabsencethresholdport2");
    }

    private static void requireAtLeastOne(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + value);
        }
    }

    private static void requireNotNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }
}
