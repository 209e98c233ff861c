package org.iofog.connector.rest.internal;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.iofog.connector.api.group.GroupMember;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;

/**
 * {@code GET /health}: the signal a floating address (keepalived), a load balancer or a Kubernetes readiness
 * probe follows. 200 only when every mapping here listens on both its ports and, in a group, this member has
 * joined and opened every mapping of the group; else 503, with the reasons in the same body.
 */
final class HealthEndpoint implements Endpoint {

    @JsonPropertyOrder({"status", "relay", "group", "timestamp"})
    record Health(String status, Relay relay, Group group, long timestamp) {
    }

    @JsonPropertyOrder({"status", "mappings", "notListening"})
    record Relay(String status, int mappings, List<String> notListening) {
    }

    @JsonPropertyOrder({"status", "name", "members", "mappings", "problems"})
    record Group(String status, String name, List<GroupMember> members, int mappings, List<String> problems) {
    }

    private static final String UP = "UP";
    private static final String DOWN = "DOWN";

    private final MappingRegistry registry;
    private final Supplier<GroupStatus> group;

    HealthEndpoint(MappingRegistry registry, Supplier<GroupStatus> group) {
        this.registry = registry;
        this.group = group;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) {
        List<MappingStatus> statuses = registry.statuses();
        List<String> notListening = statuses.stream()
                .filter(s -> s.mapping().type() != MappingType.DIRECT && !(s.port1Listening() && s.port2Listening()))
                .map(s -> s.mapping().id())
                .toList();
        Relay relay = new Relay(notListening.isEmpty() ? UP : DOWN, statuses.size(), notListening);
        GroupStatus g = group.get();
        Group groupPart = new Group(g.state().name(), g.name(), g.members(), g.replicatedMappings(), g.problems());
        boolean up = notListening.isEmpty() && g.ready();
        Reply reply = Reply.of(new Health(up ? UP : DOWN, relay, groupPart, System.currentTimeMillis()));
        return up ? reply : reply.withStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
}
