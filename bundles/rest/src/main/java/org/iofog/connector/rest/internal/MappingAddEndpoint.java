package org.iofog.connector.rest.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code mapping/add}: opens a public or private pipe on two free ports. */
final class MappingAddEndpoint implements Endpoint {

    /** The Controller compares this text to decide to try another Connector. */
    static final String NO_PORTS = "No enough available ports";

    private static final Logger LOG = LoggerFactory.getLogger(MappingAddEndpoint.class);

    @JsonPropertyOrder({"status", "id", "port1", "port2", "passcode1", "passcode2", "timestamp"})
    record Added(String status, String id, int port1, int port2, String passcode1, String passcode2,
                 long timestamp) {

        Added(Mapping mapping) {
            this("ok", mapping.id(), mapping.port1(), mapping.port2(), mapping.passcodePort1(),
                    mapping.passcodePort2(), System.currentTimeMillis());
        }
    }

    private final MappingRegistry registry;
    private final MappingRequest mappingRequest;

    MappingAddEndpoint(MappingRegistry registry, MappingRequest mappingRequest) {
        this.registry = registry;
        this.mappingRequest = mappingRequest;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        Record spec = mappingRequest.parse(form.required("mapping"));
        try {
            return Reply.of(new Added(spec instanceof PublicPipeSpec pub ? registry.addPublic(pub)
                    : registry.addPrivate((PrivatePipeSpec) spec)));
        } catch (NoAvailablePortsException e) {
            LOG.warn("Mapping refused: {} ({})", NO_PORTS, e.getMessage());
            throw new ApiException(HttpResponseStatus.INSUFFICIENT_STORAGE, NO_PORTS);
        } catch (MappingException e) {
            throw Unavailable.because(e);
        }
    }
}
