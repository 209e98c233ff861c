package org.iofog.connector.api.mapping;

/**
 * What the Controller asks for a public pipe:
 * {@code {"type":"public","maxconnections":60,"heartbeatabsencethreshold":200000}}.
 *
 * @param maxConnections            agent connections allowed on port1, at least 1
 * @param heartbeatAbsenceThreshold ms of silence before an agent connection is closed, 0 = never
 */
public record PublicPipeSpec(int maxConnections, long heartbeatAbsenceThreshold) {

    public PublicPipeSpec {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxconnections must be at least 1, was " + maxConnections);
        }
        if (heartbeatAbsenceThreshold < 0) {
            throw new IllegalArgumentException(
                    "heartbeatabsencethreshold must not be negative, was " + heartbeatAbsenceThreshold);
        }
    }
}
