package org.iofog.connector.group.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.iofog.connector.api.group.ReplicaTarget;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;

/**
 * Brings this member and the group's table into agreement. Run when the member joins, when members come or
 * go, after a split group merges, and now and then to retry what failed. The rules, the same on every member
 * so that they all reach the same result:
 * <ol>
 *   <li>a mapping here that the group removed is closed here;</li>
 *   <li>a mapping here that the table lacks (kept in this member's file while the group lost it, imported
 *       here) is added to the table: the group's mappings are the union of its members';</li>
 *   <li>two mappings on one port (each side of a split took it): the older keeps it, by creation time, then
 *       by id; the other is removed from the group and reported;</li>
 *   <li>every mapping of the table is opened here on its ports with its passcodes.</li>
 * </ol>
 * Adds in flight on this member (claimed, not committed yet) are left out of rules 1 and 2.
 */
final class Reconciler {

    static final Comparator<Mapping> OLDEST_FIRST =
            Comparator.comparing(Mapping::created).thenComparing(Mapping::id);

    /** What one run changed; {@link #problems} also lists what it could not do. */
    record Report(List<String> published, List<String> opened, List<String> closed, List<String> clashes,
                  List<String> problems, int tableSize) {

        boolean changedAnything() {
            return !published.isEmpty() || !opened.isEmpty() || !closed.isEmpty() || !clashes.isEmpty();
        }

        /** The merge log line: what was merged, by id (the first few of each kind: log lines are bounded). */
        String describe() {
            return "took " + ids(opened) + " from the group, gave " + ids(published) + " of its own to the group,"
                    + " closed " + ids(closed) + " the group removed, resolved " + clashes.size() + " port clash(es) "
                    + clashes + "; the group holds " + tableSize + " mapping(s)"
                    + (problems.isEmpty() ? "" : "; not open here: " + problems);
        }

        private static String ids(List<String> ids) {
            int shown = Math.min(ids.size(), 6);
            return ids.size() + " mapping(s) " + ids.subList(0, shown)
                    + (ids.size() > shown ? " and " + (ids.size() - shown) + " more" : "");
        }
    }

    private final GroupTable table;
    private final ReplicaTarget here;
    private final Set<String> inFlight;

    Reconciler(GroupTable table, ReplicaTarget here, Set<String> inFlight) {
        this.table = table;
        this.here = here;
        this.inFlight = inFlight;
    }

    Report run() {
        List<String> published = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // The table before the removals: see GroupTable.remove.
        Map<String, Mapping> group = table.mappings();
        Set<String> removed = table.removedIds();

        for (Mapping mine : here.mappings()) {
            String id = mine.id();
            if (inFlight.contains(id) || group.containsKey(id)) {
                continue;
            }
            if (removed.contains(id)) {
                if (here.close(id)) {
                    closed.add(id);
                }
            } else {
                // Added even when another mapping claims its port: the clash rule below decides between them.
                table.claim(mine);
                if (table.putIfAbsent(mine)) {
                    published.add(id);
                    group.put(id, mine);
                }
            }
        }
        // A removal one side of a split made while the other kept the mapping: the removal wins.
        for (String id : List.copyOf(group.keySet())) {
            if (removed.contains(id)) {
                table.remove(id, "removed");
                group.remove(id);
                if (here.close(id)) {
                    closed.add(id);
                }
            }
        }
        for (Mapping loser : portClashLosers(group, clashes)) {
            table.remove(loser.id(), "port clash");
            group.remove(loser.id());
            if (here.close(loser.id())) {
                closed.add(loser.id());
            }
        }
        if (!clashes.isEmpty()) {
            table.alignClaims(group);
        }
        Set<String> mine = new HashSet<>();
        here.mappings().forEach(m -> mine.add(m.id()));
        for (Mapping theirs : group.values()) {
            if (mine.contains(theirs.id())) {
                continue;
            }
            here.open(theirs).ifPresentOrElse(
                    problem -> problems.add(theirs.type() + " mapping " + theirs.id() + " on ports " + theirs.port1()
                            + "/" + theirs.port2() + ": " + problem),
                    () -> opened.add(theirs.id()));
        }
        return new Report(published, opened, closed, clashes, problems, group.size());
    }

    /**
     * Mappings that hold a port an older mapping holds too, oldest first within a port; each clash is described
     * in {@code clashes}.
     */
    static List<Mapping> portClashLosers(Map<String, Mapping> group, List<String> clashes) {
        Map<Integer, Mapping> holders = new HashMap<>();
        Map<String, Mapping> losers = new LinkedHashMap<>();
        List<Mapping> oldestFirst = new ArrayList<>(group.values());
        oldestFirst.sort(OLDEST_FIRST);
        for (Mapping m : oldestFirst) {
            if (m.type() == MappingType.DIRECT) {
                continue;
            }
            for (int port : new int[] {m.port1(), m.port2()}) {
                Mapping holder = holders.get(port);
                if (holder != null) {
                    losers.put(m.id(), m);
                    clashes.add("port " + port + ": kept " + holder.id() + " (older), removed " + m.id());
                    break;
                }
            }
            if (!losers.containsKey(m.id())) {
                holders.put(m.port1(), m);
                holders.put(m.port2(), m);
            }
        }
        return new ArrayList<>(losers.values());
    }
}
