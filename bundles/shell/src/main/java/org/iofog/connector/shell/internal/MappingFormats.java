package org.iofog.connector.shell.internal;

import java.util.Locale;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;

/** How the commands write a mapping's fields, the same in its table row and its details: pure functions. */
final class MappingFormats {

    /** Shown in place of a secret's hidden characters. */
    static final String MASK = "••••";
    /** Separates port1's and port2's figures of a private pipe. */
    static final String PORT_SEPARATOR = " · ";

    private MappingFormats() {
    }

    /** A secret with all but its last 4 characters hidden; a secret of 4 characters or fewer is hidden entirely. */
    static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "(none)";
        }
        return secret.length() <= 4 ? MASK : MASK + secret.substring(secret.length() - 4);
    }

    /** The secret itself, or masked. */
    static String secret(String secret, boolean show) {
        if (show) {
            return secret == null || secret.isEmpty() ? "(none)" : secret;
        }
        return mask(secret);
    }

    static String type(MappingType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** {@code port1/port2}, or {@code -} for a direct entry, which has none. */
    static String ports(Mapping mapping) {
        return mapping.type() == MappingType.DIRECT ? "-" : mapping.port1() + "/" + mapping.port2();
    }

    /**
     * Agent connections against the maximum: {@code 1/60} on a public pipe's port1, {@code 1/1 · 0/1} for
     * both ports of a private pipe, {@code -} for a direct entry.
     */
    static String agents(MappingStatus status) {
        Mapping mapping = status.mapping();
        return switch (mapping.type()) {
            case PUBLIC -> status.agentsPort1() + "/" + mapping.maxConnectionsPort1();
            case PRIVATE -> status.agentsPort1() + "/" + mapping.maxConnectionsPort1() + PORT_SEPARATOR
                    + status.agentsPort2() + "/" + mapping.maxConnectionsPort2();
            case DIRECT -> "-";
        };
    }

    /** Public clients on a public pipe's port2; {@code -} for the other types, which have none. */
    static String publicClients(MappingStatus status) {
        return status.mapping().type() == MappingType.PUBLIC ? Integer.toString(status.publicClients()) : "-";
    }

    /** A heartbeat absence threshold: {@code 200000 ms}, or {@code never} for 0. */
    static String heartbeat(long millis) {
        return millis == 0 ? "never (0)" : millis + " ms";
    }
}
