package org.iofog.connector.rest.internal;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.iofog.connector.api.mapping.MappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry could not carry out a valid request (TLS missing, a listener or the file failed): a 503. */
final class Unavailable {

    private static final Logger LOG = LoggerFactory.getLogger(Unavailable.class);

    private Unavailable() {
    }

    static ApiException because(MappingException e) {
        LOG.error("Request could not be carried out: {}", e.getMessage());
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
