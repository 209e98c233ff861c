package org.iofog.connector.api.group;

import java.util.List;
import java.util.Optional;

import org.iofog.connector.api.mapping.Mapping;
import org.osgi.annotation.versioning.ProviderType;

/**
 * This member's mappings as the group sees them: the relay opens and closes here what other members added
 * and removed, without telling the group again.
 */
@ProviderType
public interface ReplicaTarget {

    /** Every mapping here, with its passcodes. */
    List<Mapping> mappings();

    /**
     * Opens a mapping made on another member on its own ports with its own passcodes, and persists it.
     *
     * @return empty when it is open here (also when it already was), else why it could not be opened
     */
    Optional<String> open(Mapping mapping);

    /**
     * Closes a mapping here and persists that, because the group removed it.
     *
     * @return whether it was here
     */
    boolean close(String id);
}
