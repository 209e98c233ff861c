package org.iofog.connector.group.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group's replicated table, in three maps of the data grid: the mappings (id to JSON), the ports they
 * hold (port to id, so that no port is handed out twice across the group) and the ids removed (kept for a
 * week, so that a member that was away does not bring a removed mapping back). Each write returns once the
 * member that owns the entry and one backup member hold it.
 */
final class GroupTable {

    static final String MAPPINGS = "iofog-connector-mappings";
    static final String PORTS = "iofog-connector-ports";
    static final String REMOVED = "iofog-connector-removed";
    /** How long a removal is remembered: longer than a member is expected to be away. */
    static final long REMOVED_DAYS = 7;

    private static final Logger LOG = LoggerFactory.getLogger(GroupTable.class);

    private final IMap<String, String> mappings;
    private final IMap<Integer, String> ports;
    private final IMap<String, String> removed;

    GroupTable(HazelcastInstance member) {
        this.mappings = member.getMap(MAPPINGS);
        this.ports = member.getMap(PORTS);
        this.removed = member.getMap(REMOVED);
    }

    IMap<String, String> mappingsMap() {
        return mappings;
    }

    /** Claims both ports of a new mapping; false (and nothing claimed) when another mapping holds one. */
    boolean claim(Mapping m) {
        if (m.type() == MappingType.DIRECT) {
            return true;
        }
        if (!claimPort(m.port1(), m.id())) {
            return false;
        }
        if (!claimPort(m.port2(), m.id())) {
            ports.remove(m.port1(), m.id());
            return false;
        }
        return true;
    }

    private boolean claimPort(int port, String id) {
        String holder = ports.putIfAbsent(port, id);
        return holder == null || holder.equals(id);
    }

    void unclaim(Mapping m) {
        if (m.type() != MappingType.DIRECT) {
            ports.remove(m.port1(), m.id());
            ports.remove(m.port2(), m.id());
        }
    }

    void put(Mapping m) {
        mappings.set(m.id(), MappingJson.write(m));
    }

    /** @return whether it was added (false: the table already had this id) */
    boolean putIfAbsent(Mapping m) {
        return mappings.putIfAbsent(m.id(), MappingJson.write(m)) == null;
    }

    /**
     * Notes the removal first, then takes the mapping out: whoever reads the table and then the removals
     * never takes a mapping that was just removed for one that was never published.
     *
     * @return whether the table held it
     */
    boolean remove(String id, String why) {
        removed.set(id, why, REMOVED_DAYS, TimeUnit.DAYS);
        String old = mappings.remove(id);
        if (old == null) {
            return false;
        }
        try {
            unclaim(MappingJson.read(old));
        } catch (IllegalArgumentException e) {
            LOG.warn("Group table entry {} was not readable when removed ({}); its port claims expire", id,
                    e.getMessage());
        }
        return true;
    }

    /** {@link #remove}, but leaves no note for an id the table never had (a remove of an unknown id). */
    boolean removeIfPresent(String id, String why) {
        return mappings.containsKey(id) && remove(id, why);
    }

    /** Every mapping of the table by id, oldest first; unreadable entries are logged and left out. */
    Map<String, Mapping> mappings() {
        Map<String, Mapping> all = new LinkedHashMap<>();
        mappings.entrySet().stream()
                .map(entry -> decode(entry.getKey(), entry.getValue()))
                .filter(m -> m != null)
                .sorted(Reconciler.OLDEST_FIRST)
                .forEach(m -> all.put(m.id(), m));
        return all;
    }

    int size() {
        return mappings.size();
    }

    Set<String> removedIds() {
        return new TreeSet<>(removed.keySet());
    }

    /** Makes each port of the table's mappings claimed by its mapping (after a merge claims may disagree). */
    int alignClaims(Map<String, Mapping> table) {
        int fixed = 0;
        for (Mapping m : table.values()) {
            if (m.type() == MappingType.DIRECT) {
                continue;
            }
            for (int port : new int[] {m.port1(), m.port2()}) {
                String holder = ports.get(port);
                if (!m.id().equals(holder)) {
                    ports.set(port, m.id());
                    fixed++;
                }
            }
        }
        return fixed;
    }

    /**
     * Gives back ports claimed by an add that never reached the table (its member died between the claim and
     * the commit), once the claim is older than any add takes.
     */
    int dropStaleClaims(Map<String, Mapping> table, Set<String> inFlightHere, long olderThanMillis) {
        long now = System.currentTimeMillis();
        int dropped = 0;
        for (Integer port : ports.keySet()) {
            EntryView<Integer, String> view = ports.getEntryView(port);
            if (view == null || table.containsKey(view.getValue()) || inFlightHere.contains(view.getValue())) {
                continue;
            }
            if (now - view.getCreationTime() > olderThanMillis && ports.remove(port, view.getValue())) {
                dropped++;
            }
        }
        return dropped;
    }

    static Mapping decode(String id, String json) {
        try {
            return MappingJson.read(json);
        } catch (IllegalArgumentException e) {
            LOG.error("Group table entry {} is not a mapping this member understands ({}); left alone", id,
                    e.getMessage());
            return null;
        }
    }
}
