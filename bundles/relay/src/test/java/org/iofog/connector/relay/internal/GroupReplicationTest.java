package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.iofog.connector.api.group.MappingReplication;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.relay.embedded.LoopbackPorts;
import org.iofog.connector.relay.internal.store.MappingStore;
import org.junit.Rule;
import org.junit.Test;

/**
 * The registry in a connector group: what it tells the group, in which order, and what it does when the group
 * refuses; and the mappings the group opens here. Real listeners on 127.0.0.1, a real mappings file.
 */
public class GroupReplicationTest {

    @Rule
    public final DevRelay dev = new DevRelay();

    /** Records each call with what the connector had done by then. */
    private static final class RecordingGroup implements MappingReplication {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Set<Integer> heldElsewhere = new HashSet<>();
        TestRelay relay;
        boolean refuseCommit;
        boolean inTable;

        @Override
        public boolean begin(Mapping m) {
            boolean held = heldElsewhere.contains(m.port1()) || heldElsewhere.contains(m.port2());
            calls.add("begin " + m.port1() + "/" + m.port2() + (held ? " refused" : ""));
            return !held;
        }

        @Override
        public void commit(Mapping m) throws MappingException {
            List<Mapping> onDisk = readDurable(relay);
            calls.add("commit, on disk " + onDisk.contains(m) + ", listening " + Wire.listening(m.port2()));
            if (refuseCommit) {
                throw new MappingException("the group is unreachable");
            }
        }

        @Override
        public void abort(Mapping m) {
            calls.add("abort");
        }

        @Override
        public boolean withdraw(String id) {
            calls.add("withdraw");
            return inTable;
        }
    }

    @Test
    public void anAddReachesTheGroupOnlyOnceItListensAndIsOnDisk() throws Exception {
        try (TestRelay relay = TestRelay.plain(dev.newFolder())) {
            RecordingGroup group = joined(relay);

            Mapping m = relay.registry.addPublic(new PublicPipeSpec(2, 0));

            assertEquals(List.of("begin " + m.port1() + "/" + m.port2(), "commit, on disk true, listening true"),
                    group.calls);
        }
    }

    @Test
    public void portsAnotherMemberHoldsAreGivenBackAndOthersPicked() throws Exception {
        // The allocator hands out two pairs another member's mappings hold, then free ones.
        Deque<PortPair> scripted = new ArrayDeque<>(List.of(new LoopbackPorts().allocatePair(),
                new LoopbackPorts().allocatePair()));
        List<Integer> heldElsewhere = new ArrayList<>();
        scripted.forEach(pair -> heldElsewhere.addAll(List.of(pair.port1(), pair.port2())));
        LoopbackPorts ports = new LoopbackPorts() {
            @Override
            public PortPair allocatePair() throws NoAvailablePortsException {
                PortPair next = scripted.poll();
                if (next == null) {
                    return super.allocatePair();
                }
                inUse().add(next.port1());
                inUse().add(next.port2());
                return next;
            }
        };
        try (TestRelay relay = TestRelay.withPorts(dev.newFolder(), ports)) {
            RecordingGroup group = joined(relay);
            group.heldElsewhere.addAll(heldElsewhere);

            Mapping m = relay.registry.addPublic(new PublicPipeSpec(1, 0));

            assertFalse(heldElsewhere.contains(m.port1()) || heldElsewhere.contains(m.port2()));
            assertEquals("two refused, one taken, one commit", 4, group.calls.size());
            assertTrue(group.calls.toString(), group.calls.get(0).endsWith("refused"));
            assertTrue(group.calls.toString(), group.calls.get(1).endsWith("refused"));
            for (int port : heldElsewhere) {
                assertFalse("port " + port + " given back", relay.ports.isUsed(port));
            }
        }
    }

    @Test
    public void anAddTheGroupCannotTakeIsUndoneEverywhereHere() throws Exception {
        try (TestRelay relay = TestRelay.plain(dev.newFolder())) {
            RecordingGroup group = joined(relay);
            group.refuseCommit = true;

            MappingException failure = assertThrows(MappingException.class,
                    () -> relay.registry.addPublic(new PublicPipeSpec(1, 0)));

            assertEquals("the group is unreachable", failure.getMessage());
            assertEquals("abort", group.calls.get(group.calls.size() - 1));
            assertTrue("nothing registered", relay.registry.statuses().isEmpty());
            assertEquals("nothing on disk", List.of(), readDurable(relay));
            assertTrue("ports given back", relay.ports.inUse().isEmpty());
        }
    }

    @Test
    public void aRemoveOfAMappingThisMemberCouldNotOpenStillRemovesItFromTheGroup() throws Exception {
        try (TestRelay relay = TestRelay.plain(dev.newFolder())) {
            RecordingGroup group = joined(relay);
            group.inTable = true;
            assertTrue(relay.registry.remove(UUID.randomUUID().toString()));
            group.inTable = false;
            assertFalse(relay.registry.remove(UUID.randomUUID().toString()));
            assertEquals(List.of("withdraw", "withdraw"), group.calls);
        }
    }

    @Test
    public void aMappingOfTheGroupIsServedHereWithItsPortsAndPasscodeAndPersisted() throws Exception {
        try (TestRelay relay = TestRelay.plain(dev.newFolder())) {
            RecordingGroup group = joined(relay);
            var pair = relay.ports.allocatePair();
            relay.ports.release(pair.port1());
            relay.ports.release(pair.port2());
            Mapping theirs = new Mapping(UUID.randomUUID().toString(), MappingType.PUBLIC, pair.port1(), pair.port2(),
                    2, 2, UUID.randomUUID().toString(), "", 0, 0, Instant.ofEpochMilli(1_700_000_000_000L));
            MappingRegistryImpl replica = relay.registry;

            assertEquals(Optional.empty(), replica.openReplica(theirs));
            assertEquals(Optional.empty(), replica.openReplica(theirs));

            assertEquals(List.of(theirs), readDurable(relay));
            try (Socket agent = new Socket("127.0.0.1", theirs.port1())) {
                OutputStream out = agent.getOutputStream();
                out.write(theirs.passcodePort1().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = agent.getInputStream();
                assertEquals("AUTHORIZED", new String(in.readNBytes(10), StandardCharsets.US_ASCII));
            }
            Mapping clash = new Mapping(UUID.randomUUID().toString(), MappingType.PUBLIC, pair.port2(), pair.port2() + 1,
                    2, 2, UUID.randomUUID().toString(), "", 0, 0, Instant.now());
            assertTrue(replica.openReplica(clash).orElseThrow().contains("used by PUBLIC mapping " + theirs.id()));

            assertTrue(replica.closeReplica(theirs.id()));
            assertEquals(List.of(), readDurable(relay));
            assertFalse(Wire.listening(theirs.port1()));
            assertTrue("the group is not told again", group.calls.isEmpty());
        }
    }

    private static RecordingGroup joined(TestRelay relay) {
        RecordingGroup group = new RecordingGroup();
        group.relay = relay;
        relay.registry.replicateThrough(group);
        return group;
    }

    private static List<Mapping> readDurable(TestRelay relay) {
        try {
            return MappingStore.readDurable(relay.mappingsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
