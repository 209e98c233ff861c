package org.iofog.connector.rest.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.ports.PortAllocator;

/**
 * {@code status}: the connector's ({@code mappingid=all}) or one mapping's. A mapping's answer has the
 * Controller's fields first, then ours ({@code type}, then for port mappings the ports and traffic).
 */
final class StatusEndpoint implements Endpoint {

    @JsonPropertyOrder({"id", "status", "mappings", "version", "availablePorts", "timestamp"})
    record All(String id, String status, long mappings, String version, int availablePorts, long timestamp) {
    }

    @JsonPropertyOrder({"id", "public", "private", "type", "traffic", "timestamp"})
    record PublicStatus(String id, @JsonProperty("public") String publicSide,
                        @JsonProperty("private") String privateSide, String type,
                        @JsonUnwrapped Traffic traffic, long timestamp) {
    }

    @JsonPropertyOrder({"id", "private1", "private2", "type", "traffic", "timestamp"})
    record PrivateStatus(String id, String private1, String private2, String type, @JsonUnwrapped Traffic traffic,
                         long timestamp) {
    }

    @JsonPropertyOrder({"id", "direct", "type", "timestamp"})
    record DirectStatus(String id, String direct, String type, long timestamp) {
    }

    /** Ours: a port mapping's ports, connections and bytes each way. */
    @JsonPropertyOrder({"port1", "port2", "connectionsport1", "connectionsport2", "bytesport1toport2",
            "bytesport2toport1"})
    record Traffic(int port1, int port2, int connectionsport1, int connectionsport2, long bytesport1toport2,
                   long bytesport2toport1) {

        static Traffic of(MappingStatus status) {
            Mapping mapping = status.mapping();
            return new Traffic(mapping.port1(), mapping.port2(), status.agentsPort1(),
                    mapping.type() == MappingType.PUBLIC ? status.publicClients() : status.agentsPort2(),
                    status.bytesPort1ToPort2(), status.bytesPort2ToPort1());
        }
    }

    private final MappingRegistry registry;
    private final PortAllocator ports;
    private final DirectRendezvous rendezvous;
    private final String version;

    StatusEndpoint(MappingRegistry registry, PortAllocator ports, DirectRendezvous rendezvous, String version) {
        this.registry = registry;
        this.ports = ports;
        this.rendezvous = rendezvous;
        this.version = version;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        String id = form.required("mappingid");
        if (id.equals("all")) {
            return Reply.of(new All("all", "running", portMappings(registry), version, ports.usage().free(),
                    System.currentTimeMillis()));
        }
        MappingStatus status = registry.status(id).orElseThrow(() -> ApiException.notFound("no mapping with id " + id));
        long now = System.currentTimeMillis();
        return Reply.of(switch (status.mapping().type()) {
            case PUBLIC -> new PublicStatus(id, active(status.port2Listening()), active(status.port1Listening()),
                    "public", Traffic.of(status), now);
            case PRIVATE -> new PrivateStatus(id, active(status.port1Listening()), active(status.port2Listening()),
                    "private", Traffic.of(status), now);
            case DIRECT -> new DirectStatus(id, rendezvous.waitingCallers(id) > 0 ? "Waiting" : "Idle", "direct", now);
        });
    }

    /** Mappings with ports: direct entries are kept with them but are not port mappings. */
    static long portMappings(MappingRegistry registry) {
        return registry.statuses().stream().filter(s -> s.mapping().type() != MappingType.DIRECT).count();
    }

    private static String active(boolean listening) {
        return listening ? "Active" : "Inactive";
    }
}
