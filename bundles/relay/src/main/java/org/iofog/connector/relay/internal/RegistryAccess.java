package org.iofog.connector.relay.internal;

/**
 * The running mapping registry, as {@link MappingRegistryComponent} runs it: a service inside this bundle only,
 * for the components that read its pipes (the counters) or add mappings made elsewhere (the legacy import).
 */
public interface RegistryAccess {

    MappingRegistryImpl registry();
}
