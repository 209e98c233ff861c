package org.iofog.connector.rest.internal;

import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.settings.ConnectorSettings;

/** {@code direct/add}: a new direct entry, its passkey, and the broker port the agents are to use. */
final class DirectAddEndpoint implements Endpoint {

    @JsonPropertyOrder({"status", "id", "passkey", "port", "timestamp"})
    record Added(String status, String id, String passkey, int port, long timestamp) {
    }

    private final MappingRegistry registry;
    private final Supplier<ConnectorSettings> connector;

    DirectAddEndpoint(MappingRegistry registry, Supplier<ConnectorSettings> connector) {
        this.registry = registry;
        this.connector = connector;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        Mapping entry;
        try {
            entry = registry.addDirect();
        } catch (MappingException e) {
            throw Unavailable.because(e);
        }
        return Reply.of(new Added("ok", entry.id(), entry.passcodePort1(), connector.get().broker(),
                System.currentTimeMillis()));
    }
}
