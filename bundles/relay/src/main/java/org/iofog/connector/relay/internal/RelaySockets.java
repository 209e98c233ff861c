package org.iofog.connector.relay.internal;

/**
 * The relay's sockets, as {@link RelayTransportsComponent} runs them: a service inside this bundle only, so
 * that the mapping registry opens its listeners on the engine whose transport is managed there.
 */
public interface RelaySockets {

    RelayEngine engine();
}
