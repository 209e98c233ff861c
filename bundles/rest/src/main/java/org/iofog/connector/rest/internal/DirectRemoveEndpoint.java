package org.iofog.connector.rest.internal;

import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;

/** {@code direct/remove}: forgets a direct entry and any caller waiting on it; port mappings are not touched. */
final class DirectRemoveEndpoint implements Endpoint {

    private final MappingRegistry registry;
    private final DirectRendezvous rendezvous;

    DirectRemoveEndpoint(MappingRegistry registry, DirectRendezvous rendezvous) {
        this.registry = registry;
        this.rendezvous = rendezvous;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        String id = form.required("mappingid");
        MappingStatus status = registry.status(id).orElse(null);
        if (status == null || status.mapping().type() != MappingType.DIRECT) {
            throw ApiException.notFound("no direct entry with id " + id);
        }
        MappingRemoveEndpoint.remove(registry, id);
        rendezvous.forget(id);
        return Reply.of(IdAnswer.ok(id));
    }
}
