package org.iofog.connector.group.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Two real Hazelcast members on 127.0.0.1, each with an in-memory relay, joined as the connector joins them. */
public class ConnectorGroupTest {

    private TwoMembers group;

    @Before
    public void start() throws Exception {
        group = new TwoMembers("test-" + UUID.randomUUID());
    }

    @After
    public void stop() {
        group.close();
    }

    @Test
    public void anAddAnsweredOnOneMemberIsInTheTableAndOpenOnTheOther() throws Exception {
        group.a().join();
        group.b().join();
        Mapping m = pipe(6000, 6001, 0);

        assertTrue(group.a().replication.begin(m));
        group.a().relay.add(m);
        group.a().replication.commit(m);

        // Synchronous: the table answers with it at once, from either member.
        assertEquals(m, new GroupTable(group.b().member).mappings().get(m.id()));
        eventually("the other member opens it", () -> group.b().relay.has(m.id()));
        assertEquals(GroupStatus.State.READY, group.b().group.status().state());
        assertEquals(2, group.b().group.status().presentMembers());
    }

    @Test
    public void aRemoveClosesItOnTheOtherMemberAndIsRemembered() throws Exception {
        group.a().join();
        group.b().join();
        Mapping m = pipe(6000, 6001, 0);
        group.a().replication.begin(m);
        group.a().relay.add(m);
        group.a().replication.commit(m);
        eventually("the other member opens it", () -> group.b().relay.has(m.id()));

        group.b().relay.close(m.id());
        assertTrue(group.b().replication.withdraw(m.id()));

        eventually("the first member closes it", () -> !group.a().relay.has(m.id()));
        assertTrue(new GroupTable(group.a().member).removedIds().contains(m.id()));
        assertFalse("an unknown id is not in the table", group.b().replication.withdraw(UUID.randomUUID().toString()));
        assertFalse("and leaves no note", new GroupTable(group.a().member).removedIds().size() > 1);
    }

    @Test
    public void aPortClaimedOnOneMemberIsRefusedOnTheOtherAndNothingIsLeftClaimed() throws Exception {
        group.a().join();
        group.b().join();
        Mapping first = pipe(6000, 6001, 0);
        Mapping second = pipe(6002, 6001, 1);
        assertTrue(group.a().replication.begin(first));

        assertFalse(group.b().replication.begin(second));

        Mapping third = pipe(6002, 6003, 2);
        assertTrue("6002 was given back when 6001 was refused", group.b().replication.begin(third));
    }

    @Test
    public void aJoiningMemberTakesTheGroupsMappingsGivesItsOwnAndClosesRemovedOnes() throws Exception {
        group.a().join();
        Mapping groups = pipe(6000, 6001, 0);
        Mapping removedMeanwhile = pipe(6002, 6003, 1);
        for (Mapping m : List.of(groups, removedMeanwhile)) {
            group.a().replication.begin(m);
            group.a().relay.add(m);
            group.a().replication.commit(m);
        }
        group.a().relay.close(removedMeanwhile.id());
        group.a().replication.withdraw(removedMeanwhile.id());
        // B's file still has the removed one, and one the group never saw (added while A was down).
        Mapping onlyInBsFile = pipe(6004, 6005, 2);
        group.b().relay.add(removedMeanwhile);
        group.b().relay.add(onlyInBsFile);

        group.b().join();

        assertEquals(Set.of(groups.id(), onlyInBsFile.id()), group.b().relay.ids());
        eventually("the first member opens the one B gave", () -> group.a().relay.has(onlyInBsFile.id()));
        assertEquals(Set.of(groups.id(), onlyInBsFile.id()),
                new GroupTable(group.a().member).mappings().keySet());
    }

    @Test
    public void whatWasAcknowledgedOnAKilledMemberIsOnTheSurvivor() throws Exception {
        group.a().join();
        group.b().join();
        List<Mapping> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Mapping m = pipe(6000 + 2 * i, 6001 + 2 * i, i);
            assertTrue(group.a().replication.begin(m));
            group.a().relay.add(m);
            group.a().replication.commit(m);
            acknowledged.add(m);
        }

        group.a().kill();

        group.b().reconcile();
        Map<String, Mapping> table = new GroupTable(group.b().member).mappings();
        assertEquals(20, table.size());
        for (Mapping m : acknowledged) {
            assertEquals(m, table.get(m.id()));
            assertTrue(group.b().relay.has(m.id()));
        }
    }

    @Test
    public void aMappingThatCannotOpenHereMakesTheMemberDegradedUntilItCan() throws Exception {
        group.a().join();
        group.b().join();
        group.b().relay.foreignPorts.add(6001);
        Mapping m = pipe(6000, 6001, 0);
        group.a().replication.begin(m);
        group.a().relay.add(m);
        group.a().replication.commit(m);

        eventually("B says it cannot serve it",
                () -> group.b().group.status().state() == GroupStatus.State.DEGRADED);
        assertTrue(group.b().group.status().problems().get(0).contains("port in use by another process"));

        group.b().relay.foreignPorts.clear();
        group.b().reconcile();
        assertTrue(group.b().relay.has(m.id()));
        assertEquals(GroupStatus.State.READY, group.b().group.status().state());
    }

    @Test
    public void aPortClashIsResolvedForTheOlderMappingAndReported() {
        Mapping older = pipe(6000, 6001, 0);
        Mapping newer = pipe(6002, 6001, 5);
        Mapping unrelated = pipe(6004, 6005, 3);
        List<String> clashes = new ArrayList<>();
        Map<String, Mapping> table = new LinkedHashMap<>();
        for (Mapping m : List.of(newer, unrelated, older)) {
            table.put(m.id(), m);
        }

        assertEquals(List.of(newer), Reconciler.portClashLosers(table, clashes));
        assertEquals(List.of("port 6001: kept " + older.id() + " (older), removed " + newer.id()), clashes);
    }

    private static Mapping pipe(int port1, int port2, int secondsAfterEpoch) {
        return new Mapping(UUID.randomUUID().toString(), MappingType.PUBLIC, port1, port2, 4, 4,
                UUID.randomUUID().toString(), "", 200_000, 200_000, Instant.ofEpochSecond(1_700_000_000L + secondsAfterEpoch));
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
