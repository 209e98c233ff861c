package org.iofog.connector.rest.internal;

import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;

/** {@code mapping/remove}: closes a port mapping; direct entries have their own endpoint. */
final class MappingRemoveEndpoint implements Endpoint {

    private final MappingRegistry registry;

    MappingRemoveEndpoint(MappingRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        String id = form.required("mappingid");
        MappingStatus status = registry.status(id).orElse(null);
        if (status == null || status.mapping().type() == MappingType.DIRECT) {
            throw ApiException.notFound("no mapping with id " + id);
        }
        remove(registry, id);
        return Reply.of(IdAnswer.ok(id));
    }

    /** Removes a mapping or direct entry known to exist; it may have gone meanwhile (404). */
    static void remove(MappingRegistry registry, String id) throws ApiException {
        try {
            if (!registry.remove(id)) {
                throw ApiException.notFound("no mapping with id " + id);
            }
        } catch (MappingException e) {
            throw Unavailable.because(e);
        }
    }
}
