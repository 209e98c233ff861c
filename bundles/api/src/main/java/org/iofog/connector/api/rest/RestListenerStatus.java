package org.iofog.connector.api.rest;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where the REST API listens now, which can differ from its settings while a bind fails and is retried. */
public interface RestListenerStatus {

    /** The address the REST API's socket is bound to now; empty while none listens. */
    Optional<InetSocketAddress> listening();
}
