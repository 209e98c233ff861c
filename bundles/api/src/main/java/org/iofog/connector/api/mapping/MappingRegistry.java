package org.iofog.connector.api.mapping;

import java.util.List;
import java.util.Optional;

import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The connector's mappings: opening and closing pipes, and keeping them across restarts.
 *
 * <p>An add returns only once both ports accept connections and the mapping is durably persisted; a
 * remove returns once both listeners and every connection of the mapping are closed, the removal is
 * persisted and the ports are released. A failed change leaves nothing behind.
 */
@ProviderType
public interface MappingRegistry {

    /** Opens a public pipe: port1 for the agent's pooled connections, port2 for anyone. */
    Mapping addPublic(PublicPipeSpec spec) throws NoAvailablePortsException, MappingException;

    /** Opens a private pipe: port1 for one agent (passcode1), port2 for the other (passcode2). */
    Mapping addPrivate(PrivatePipeSpec spec) throws NoAvailablePortsException, MappingException;

    /** Records a direct rendezvous entry: a new id with its passkey in {@code passcodePort1}, no ports. */
    Mapping addDirect() throws MappingException;

    /**
     * Closes and forgets a mapping of any type.
     *
     * @return false when no mapping has this id
     */
    boolean remove(String id) throws MappingException;

    Optional<MappingStatus> status(String id);

    /** Every mapping, direct entries included, oldest first. */
    List<MappingStatus> statuses();
}
