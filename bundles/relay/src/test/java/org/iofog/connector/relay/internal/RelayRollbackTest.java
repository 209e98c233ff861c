package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.relay.embedded.LoopbackPorts;
import org.iofog.connector.relay.internal.store.MappingStore;
import org.junit.Rule;
import org.junit.Test;

/** A failed add leaves nothing behind; racing adds and removes leave nothing listening. */
public class RelayRollbackTest {

    @Rule
    public final DevRelay dev = new DevRelay();

    @Test
    public void aPortHeldByAnotherProcessFailsTheAddAndLeaksNothing() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertAddFailsOnSecondPort(squatter, "cannot listen on 127.0.0.1:" + squatter.getLocalPort());
        }
    }

    /** Relay listeners allow port sharing for swaps; another process that allows it too is still kept out. */
    @Test
    public void aPortAnotherProcessOffersToShareIsNotJoined() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
            assertAddFailsOnSecondPort(squatter, "(another process listens on it)");
        }
    }

    private void assertAddFailsOnSecondPort(ServerSocket squatter, String expectedMessage) throws Exception {
        int free = new LoopbackPorts().allocatePair().port1();
        LoopbackPorts ports = new LoopbackPorts() {
            @Override
            public PortPair allocatePair() {
                inUse().add(free);
                inUse().add(squatter.getLocalPort());
                return new PortPair(free, squatter.getLocalPort());
            }
        };
        try (TestRelay squeezed = TestRelay.withPorts(dev.newFolder(), ports)) {
            MappingException failure = assertThrows(MappingException.class,
                    () -> squeezed.registry.addPublic(new PublicPipeSpec(1, 0)));
            assertTrue(failure.getMessage(), failure.getMessage().contains(expectedMessage));
            // Java NIO closes a listening socket registered with a selector at the selector's next turn.
            Eventually.equal("first port left listening", false, () -> Wire.listening(free));
            assertTrue("both ports released", ports.inUse().isEmpty());
            assertTrue("nothing registered", squeezed.registry.statuses().isEmpty());
            assertEquals("nothing on disk", List.of(), MappingStore.readDurable(squeezed.mappingsFile));
        }
    }

    @Test
    public void aMappingsFileThatCannotBeWrittenFailsTheAddAndLeaksNothing() throws Exception {
        // A directory where the file must go: the atomic rename over it fails, as a full disk would.
        Files.createDirectories(dev.relay().mappingsFile.resolve("in-the-way"));
        MappingException failure = assertThrows(MappingException.class,
                () -> dev.relay().registry.addPublic(new PublicPipeSpec(1, 0)));
        assertTrue(failure.getMessage(), failure.getMessage().contains("the mappings file could not be written"));
        assertTrue("nothing registered", dev.relay().registry.statuses().isEmpty());
        assertTrue("no port in use", dev.relay().ports.inUse().isEmpty());

        Files.delete(dev.relay().mappingsFile.resolve("in-the-way"));
        Files.delete(dev.relay().mappingsFile);
        Mapping first = dev.relay().registry.addPublic(new PublicPipeSpec(1, 0));
        dev.relay().registry.addPublic(new PublicPipeSpec(1, 0));
        assertEquals(2, dev.relay().registry.statuses().size());
        assertTrue(Wire.listening(first.port1()));
    }

    @Test
    public void runningOutOfPortsIsToldApartFromOtherFailures() {
        dev.relay().ports.limit(1);
        NoAvailablePortsException failure = assertThrows(NoAvailablePortsException.class,
                () -> dev.relay().registry.addPublic(new PublicPipeSpec(1, 0)));
        assertEquals(2, failure.requested());
    }

    @Test
    public void removesRacingAddsLeaveNothingListening() throws Exception {
        List<Mapping> added = new ArrayList<>();
        CompletableFuture<Void> adder = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    Mapping mapping = dev.relay().registry.addPublic(new PublicPipeSpec(1, 0));
                    synchronized (added) {
                        added.add(mapping);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!adder.isDone() || !dev.relay().registry.statuses().isEmpty()) {
            for (MappingStatus status : dev.relay().registry.statuses()) {
                dev.relay().registry.remove(status.mapping().id());
            }
        }
        adder.get(60, TimeUnit.SECONDS);
        assertEquals(100, added.size());
        assertTrue("every port released", dev.relay().ports.inUse().isEmpty());
        for (Mapping mapping : added) {
            Eventually.equal("ports of " + mapping.id() + " left listening", false,
                    () -> Wire.listening(mapping.port1()) || Wire.listening(mapping.port2()));
        }
    }
}
