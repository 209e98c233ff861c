package org.iofog.connector.api.mapping;

/** The kinds of entry a connector keeps. */
public enum MappingType {
    /** port1 takes agent connections, port2 takes anyone; each public client is paired with one agent connection. */
    PUBLIC,
    /** port1 and port2 each take one side's agent connections; bytes cross between them. */
    PRIVATE,
    /** A rendezvous between two agents; it has no relay ports ({@code port1} = 0 in {@code configs.json}). */
    DIRECT
}
