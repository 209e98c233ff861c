package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Mappings survive a restart: same ports, same passcodes, and agents authenticate again. */
public class RelayPersistenceTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void twoHundredMappingsComeBackOnTheSamePortsWithTheSamePasscodes() throws Exception {
        List<Mapping> added = new ArrayList<>();
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            for (int i = 0; i < 100; i++) {
                added.add(relay.registry.addPublic(new PublicPipeSpec(60, 200_000)));
                added.add(relay.registry.addPrivate(new PrivatePipeSpec(1, 1, 200_000, 200_000)));
            }
            added.add(relay.registry.addDirect());
        }

        try (TestRelay restarted = TestRelay.plain(folder.getRoot().toPath())) {
            Map<String, MappingStatus> restored = restarted.registry.statuses().stream()
                    .collect(Collectors.toMap(s -> s.mapping().id(), Function.identity()));
            assertEquals(added.size(), restored.size());
            for (Mapping mapping : added) {
                MappingStatus status = restored.get(mapping.id());
                Mapping back = status.mapping();
                assertEquals(mapping.type(), back.type());
                assertEquals(mapping.port1(), back.port1());
                assertEquals(mapping.port2(), back.port2());
                assertEquals(mapping.passcodePort1(), back.passcodePort1());
                assertEquals(mapping.passcodePort2(), back.passcodePort2());
                assertEquals(mapping.maxConnectionsPort1(), back.maxConnectionsPort1());
                assertEquals(mapping.heartbeatAbsenceThresholdPort2(), back.heartbeatAbsenceThresholdPort2());
                if (mapping.type() == MappingType.DIRECT) {
                    continue;
                }
                assertTrue(mapping.id() + " listening", status.port1Listening() && status.port2Listening());
                try (Socket socket = agent(restarted, back.port1(), back.passcodePort1())) {
                    assertTrue(socket.isConnected());
                }
                assertTrue("port reserved again", restarted.ports.isUsed(back.port2()));
            }
        }
    }

    @Test
    public void removedMappingsStayRemovedAndTheirPortsAreFree() throws Exception {
        Mapping kept;
        Mapping removed;
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            kept = relay.registry.addPublic(new PublicPipeSpec(1, 0));
            removed = relay.registry.addPrivate(new PrivatePipeSpec(1, 1, 0, 0));
            assertTrue(relay.registry.remove(removed.id()));
            assertFalse("removing twice", relay.registry.remove(removed.id()));
            assertFalse(relay.ports.isUsed(removed.port1()));
            try (Socket ignored = new Socket("127.0.0.1", removed.port1())) {
                throw new AssertionError("port " + removed.port1() + " still listening");
            } catch (java.net.ConnectException expected) {
                // closed, as it must be
            }
        }
        try (TestRelay restarted = TestRelay.plain(folder.getRoot().toPath())) {
            assertEquals(List.of(kept.id()),
                    restarted.registry.statuses().stream().map(s -> s.mapping().id()).toList());
        }
    }

    @Test
    public void theFileIsTheLegacyFormat() throws Exception {
        try (TestRelay relay = TestRelay.plain(folder.getRoot().toPath())) {
            Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(60, 200_000));
            String json = Files.readString(relay.mappingsFile);
            for (String field : List.of("\"mappings\"", "\"id\"", "\"port1\"", "\"port2\"", "\"maxconnectionsport1\"",
                    "\"maxconnectionsport2\"", "\"passcodeport1\"", "\"passcodeport2\"",
                    "\"heartbeatabsencethresholdport1\"", "\"heartbeatabsencethresholdport2\"")) {
                assertTrue(field + " in " + json, json.contains(field));
            }
            assertTrue(json.contains(mapping.passcodePort1()));
        }
    }
}
