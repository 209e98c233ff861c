package org.iofog.connector.api.mapping;

/**
 * A mapping with its live state.
 *
 * @param mapping               the mapping as persisted
 * @param port1Listening        whether port1's listening socket is bound ("Active" in the REST status)
 * @param port2Listening        whether port2's listening socket is bound
 * @param agentsPort1           authenticated agent connections on port1
 * @param agentsPort2           authenticated agent connections on port2 (private pipes)
 * @param publicClients         public clients connected to port2 (public pipes), paired or waiting
 * @param bytesPort1ToPort2     bytes relayed from port1's side to port2's side
 * @param bytesPort2ToPort1     bytes relayed from port2's side to port1's side
 */
public record MappingStatus(Mapping mapping, boolean port1Listening, boolean port2Listening,
                            int agentsPort1, int agentsPort2, int publicClients,
                            long bytesPort1ToPort2, long bytesPort2ToPort1) {
}
