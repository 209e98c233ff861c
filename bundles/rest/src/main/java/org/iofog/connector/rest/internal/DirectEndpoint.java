package org.iofog.connector.rest.internal;

import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.support.Secrets;

/**
 * {@code direct}: one of the two agents of a direct entry calls; the first is told to wait, the second is
 * given the first's data (and the first, calling again, the second's).
 */
final class DirectEndpoint implements Endpoint {

    @JsonPropertyOrder({"status", "id", "ip", "remoteip", "port", "certificate", "timestamp"})
    record Met(String status, String id, String ip, String remoteip, int port, String certificate, long timestamp) {
    }

    private final MappingRegistry registry;
    private final DirectRendezvous rendezvous;
    private final Supplier<RestSettings> rest;

    DirectEndpoint(MappingRegistry registry, DirectRendezvous rendezvous, Supplier<RestSettings> rest) {
        this.registry = registry;
        this.rendezvous = rendezvous;
        this.rest = rest;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        String id = form.required("id");
        String passkey = form.required("passkey");
        int port = port(form.required("port"));
        String ip = form.required("ip");
        String certificate = form.optional("certificate");
        Mapping entry = registry.status(id).map(MappingStatus::mapping)
                .filter(m -> m.type() == MappingType.DIRECT && Secrets.same(m.passcodePort1(), passkey))
                .orElseThrow(() -> ApiException.notFound("no direct entry with this id and passkey"));
        DirectRendezvous.Caller me = new DirectRendezvous.Caller(ip, caller.remoteIp(), port, certificate,
                System.currentTimeMillis());
        Optional<DirectRendezvous.Caller> other = rendezvous.meet(entry.id(), me, rest.get().directWait());
        if (other.isEmpty()) {
            return Reply.of(IdAnswer.waiting(id));
        }
        DirectRendezvous.Caller them = other.get();
        return Reply.of(new Met("ok", id, them.ip(), them.remoteIp(), them.port(), them.certificate(),
                System.currentTimeMillis()));
    }

    private static int port(String text) throws ApiException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("field \"port\" must be a port number (1-65535), was \"" + text + "\"");
    }
}
