package org.iofog.connector.group.internal;

import java.util.Set;

import com.hazelcast.core.HazelcastException;
import org.iofog.connector.api.group.MappingReplication;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's changes, written to the group's table before they are answered. Published as a service
 * while this member is in a group; ids between {@link #begin} and {@link #commit} are "in flight", which the
 * {@link Reconciler} leaves alone.
 */
final class GroupReplication implements MappingReplication {

    private static final Logger LOG = LoggerFactory.getLogger(GroupReplication.class);

    private final GroupTable table;
    private final Set<String> inFlight;

    GroupReplication(GroupTable table, Set<String> inFlight) {
        this.table = table;
        this.inFlight = inFlight;
    }

    @Override
    public boolean begin(Mapping mapping) throws MappingException {
        inFlight.add(mapping.id());
        try {
            if (table.claim(mapping)) {
                return true;
            }
        } catch (HazelcastException | IllegalStateException e) {
            inFlight.remove(mapping.id());
            throw unavailable("claim its ports in", e);
        }
        inFlight.remove(mapping.id());
        return false;
    }

    @Override
    public void commit(Mapping mapping) throws MappingException {
        try {
            table.put(mapping);
        } catch (HazelcastException | IllegalStateException e) {
            throw unavailable("write it to", e);
        } finally {
            inFlight.remove(mapping.id());
        }
    }

    @Override
    public void abort(Mapping mapping) {
        try {
            table.unclaim(mapping);
            // A commit that failed on its way back may have reached the table: take it out again.
            table.removeIfPresent(mapping.id(), "add failed");
        } catch (HazelcastException | IllegalStateException e) {
            LOG.warn("Claims of mapping {} that was not added stay in the group until they expire: {}",
                    mapping.id(), e.getMessage());
        } finally {
            inFlight.remove(mapping.id());
        }
    }

    @Override
    public boolean withdraw(String id) throws MappingException {
        try {
            return table.removeIfPresent(id, "removed");
        } catch (HazelcastException | IllegalStateException e) {
            throw unavailable("remove it from", e);
        }
    }

    private static MappingException unavailable(String what, RuntimeException e) {
        return new MappingException("Mapping not changed: could not " + what + " the connector group's table ("
                + e.getMessage() + "); see connector:group", e);
    }
}
