package org.iofog.connector.group.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import org.iofog.connector.api.group.GroupMember;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.group.MappingReplication;
import org.iofog.connector.api.group.ReplicaTarget;
import org.iofog.connector.api.mapping.Mapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This connector as a running member of a group: its Hazelcast member, the table, the replication service
 * the registry uses, and the listeners that bring other members' changes here. Every change to this member's
 * mappings that comes from the group runs on the component's one worker thread, in the order it arrived.
 */
final class JoinedGroup {

    private static final Logger LOG = LoggerFactory.getLogger(JoinedGroup.class);
    /** A port claim whose add never reached the table is given back after this. */
    private static final long STALE_CLAIM_MILLIS = 60_000;

    private final GroupSettings settings;
    private final HazelcastInstance member;
    private final GroupTable table;
    private final ReplicaTarget here;
    private final Executor worker;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Reconciler reconciler;
    private final Runnable withdrawReplication;

    private volatile GroupStatus.State state = GroupStatus.State.JOINING;
    private volatile List<String> problems = List.of();
    private volatile int tableSize;

    /** Publishes the replication service for the registry; what it returns takes it back. */
    interface Publisher {
        Runnable publish(MappingReplication replication);
    }

    JoinedGroup(GroupSettings settings, HazelcastInstance member, ReplicaTarget here, Executor worker,
                Publisher publisher) {
        this.settings = settings;
        this.member = member;
        this.here = here;
        this.worker = worker;
        this.table = new GroupTable(member);
        this.reconciler = new Reconciler(table, here, inFlight);
        // From now on adds and removes answered here are in the table before they are answered.
        this.withdrawReplication = publisher.publish(new GroupReplication(table, inFlight));
        listen();
    }

    private void listen() {
        table.mappingsMap().addEntryListener(new TableListener(), true);
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("Group {}: member {} joined", settings.name(), event.getMember().getAddress());
                worker.execute(() -> reconcile("member " + event.getMember().getAddress() + " joined"));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.warn("Group {}: member {} left or is unreachable; this member serves its mappings",
                        settings.name(), event.getMember().getAddress());
                worker.execute(() -> reconcile("member " + event.getMember().getAddress() + " left"));
            }
        });
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                worker.execute(() -> reconcile("the group merged after a split"));
            }
        });
    }

    /** The first agreement with the group, after joining: only then this member is ready. */
    void joined() {
        Reconciler.Report report = runReconciler();
        if (report == null) {
            return;
        }
        LOG.info("Joined group {} with {} member(s) {}: {}", settings.name(), member.getCluster().getMembers().size(),
                memberAddresses(), report.describe());
    }

    /** Agrees with the group again; logs what it changed, if anything. */
    void reconcile(String why) {
        List<String> before = problems;
        Reconciler.Report report = runReconciler();
        if (report == null) {
            return;
        }
        if (!report.clashes().isEmpty()) {
            LOG.warn("Group {} merged ({}) with port clashes: {}", settings.name(), why, report.describe());
        } else if (report.changedAnything() || !report.problems().equals(before)) {
            LOG.info("Group {} merged ({}): {}", settings.name(), why, report.describe());
        }
    }

    /** Periodic: retries what could not be opened, gives back claims of adds that died half-way. */
    void tidy() {
        reconcile("periodic check");
        try {
            int dropped = table.dropStaleClaims(table.mappings(), inFlight, STALE_CLAIM_MILLIS);
            if (dropped > 0) {
                LOG.info("Group {}: gave back {} port(s) claimed by adds that never completed", settings.name(),
                        dropped);
            }
        } catch (RuntimeException e) {
            LOG.warn("Group {}: stale port claims not checked: {}", settings.name(), e.getMessage());
        }
    }

    private Reconciler.Report runReconciler() {
        if (!member.getLifecycleService().isRunning()) {
            return null;
        }
        try {
            Reconciler.Report report = reconciler.run();
            tableSize = report.tableSize();
            problems = List.copyOf(report.problems());
            state = problems.isEmpty() ? GroupStatus.State.READY : GroupStatus.State.DEGRADED;
            return report;
        } catch (RuntimeException e) {
            problems = List.of("could not read the group's table: " + e.getMessage());
            state = GroupStatus.State.DEGRADED;
            LOG.error("Group {}: could not agree with the group ({}); trying again", settings.name(), e.getMessage());
            return null;
        }
    }

    private void countTable() {
        try {
            tableSize = table.size();
        } catch (RuntimeException e) {
            // Counted again at the next check.
        }
    }

    GroupStatus status() {
        Map<String, GroupMember> members = new LinkedHashMap<>();
        if (member.getLifecycleService().isRunning()) {
            for (Member m : member.getCluster().getMembers()) {
                String address = address(m);
                members.put(address, new GroupMember(address, m.localMember(), true));
            }
        }
        for (String configured : settings.members()) {
            members.putIfAbsent(configured, new GroupMember(configured, false, false));
        }
        List<GroupMember> selfFirst = new ArrayList<>(members.values());
        selfFirst.sort((a, b) -> Boolean.compare(b.self(), a.self()));
        return new GroupStatus(state, settings.name(), selfFirst, tableSize, problems);
    }

    /** Leaves the group: the registry works alone again first, then the member goes. */
    void leave() {
        withdrawReplication.run();
        member.getLifecycleService().shutdown();
        LOG.info("Left group {}", settings.name());
    }

    private List<String> memberAddresses() {
        return member.getCluster().getMembers().stream().map(JoinedGroup::address).toList();
    }

    private static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** Other members' adds and removes, applied here in order on the worker. */
    private final class TableListener implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String>, EntryMergedListener<String, String>,
            EntryRemovedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            open(event);
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            open(event);
        }

        @Override
        public void entryMerged(EntryEvent<String, String> event) {
            open(event);
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            String id = event.getKey();
            worker.execute(() -> {
                if (!inFlight.contains(id) && here.close(id)) {
                    LOG.info("Mapping {} closed: removed on member {}", id, event.getMember().getAddress());
                }
                countTable();
            });
        }

        private void open(EntryEvent<String, String> event) {
            Mapping mapping = GroupTable.decode(event.getKey(), event.getValue());
            if (mapping == null || event.getMember().localMember()) {
                return;
            }
            worker.execute(() -> {
                if (here.open(mapping).isPresent()) {
                    // Says why, marks this member degraded, and is tried again by the periodic check.
                    reconcile("mapping " + mapping.id() + " from member " + event.getMember().getAddress()
                            + " could not be opened here");
                } else {
                    countTable();
                }
            });
        }
    }
}
