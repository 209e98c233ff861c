package org.iofog.connector.api.group;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the mapping registry tells the group while it changes a mapping, so that an answered change is
 * already on the other members. Published only while the group is on; without it the registry works alone.
 *
 * <p>Order of an add: {@link #begin} (claims the ports across the group), listeners opened and the file
 * written here, {@link #commit} (the table of the group holds it), the answer; on a failure after
 * {@code begin}, {@link #abort}. A remove ends with {@link #withdraw}.
 */
@ProviderType
public interface MappingReplication {

    /**
     * Claims the new mapping's ports for it across the group.
     *
     * @return false when another member's mapping already holds one of the ports: the caller picks others
     * @throws MappingException when the group cannot be asked (not joined yet, shutting down)
     */
    boolean begin(Mapping mapping) throws MappingException;

    /** Puts the mapping in the group's table; returns once another member holds a copy. */
    void commit(Mapping mapping) throws MappingException;

    /** Gives back what {@link #begin} claimed for a mapping that was not added. Never throws. */
    void abort(Mapping mapping);

    /**
     * Takes a removed mapping out of the group's table, leaving a note that it was removed so that a member
     * that was away does not bring it back.
     *
     * @return whether the group's table held it
     */
    boolean withdraw(String id) throws MappingException;
}
