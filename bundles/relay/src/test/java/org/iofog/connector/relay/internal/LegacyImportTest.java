package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.iofog.connector.api.legacy.LegacyImportResult;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.relay.embedded.LoopbackPorts;
import org.iofog.connector.relay.internal.store.ConfigsJson;
import org.iofog.connector.relay.internal.store.MappingStore;
import org.junit.Rule;
import org.junit.Test;

/** The old daemon's configs.json opened on demand in a running relay, with a dry run first. */
public class LegacyImportTest {

    @Rule
    public final DevRelay dev = new DevRelay();

    @Test
    public void newMappingsOpenOnTheirPortsWithTheirPasscodesAndTheRestIsSaidSo() throws Exception {
        TestRelay relay = dev.relay();
        Mapping here = relay.registry.addPublic(new PublicPipeSpec(2, 0));
        Mapping other = relay.registry.addPublic(new PublicPipeSpec(2, 0));
        PortPair free = new LoopbackPorts().allocatePair();
        Mapping fresh = publicMapping(free.port1(), free.port2());
        Mapping clash = publicMapping(other.port2(), new LoopbackPorts().allocatePair().port1());
        Path legacy = dev.newFolder().resolve("configs.json");
        Files.write(legacy, ConfigsJson.write(List.of(here, fresh, clash)));

        LegacyImportResult dry = relay.legacyImport.importMappings(legacy, true);
        assertEquals(List.of("PUBLIC mapping " + fresh.id() + " on ports " + free.port1() + " and " + free.port2()),
                dry.changes());
        assertEquals(2, dry.skipped().size());
        assertTrue(dry.skipped().get(0), dry.skipped().get(0).endsWith(": already here"));
        assertEquals("the port and the mapping that holds it are named",
                "PUBLIC mapping " + clash.id() + " on ports " + clash.port1() + " and " + clash.port2() + ": port "
                        + other.port2() + " is used by PUBLIC mapping " + other.id(), dry.skipped().get(1));
        assertEquals("a dry run opens nothing", 2, relay.registry.statuses().size());

        LegacyImportResult done = relay.legacyImport.importMappings(legacy, false);
        assertEquals(dry.changes(), done.changes());
        assertEquals(3, relay.registry.statuses().size());
        try (Socket agent = agent(relay, fresh.port1(), fresh.passcodePort1())) {
            assertTrue(agent.isConnected());
        }
        assertTrue("persisted", MappingStore.readDurable(relay.mappingsFile).stream()
                .anyMatch(m -> m.id().equals(fresh.id())));
    }

    @Test
    public void aFileThatIsNotConfigsJsonIsNamedAndNothingOpens() throws Exception {
        Path legacy = dev.newFolder().resolve("configs.json");
        Files.writeString(legacy, "{\"mappings\":[{\"id\":1}]}");
        IOException failure = assertThrows(IOException.class, () -> dev.relay().legacyImport.importMappings(legacy, false));
        assertTrue(failure.getMessage(), failure.getMessage().startsWith(legacy.toString()));
        assertEquals(0, dev.relay().registry.statuses().size());
    }

    private static Mapping publicMapping(int port1, int port2) {
        return new Mapping(UUID.randomUUID().toString(), MappingType.PUBLIC, port1, port2, 2, 2,
                UUID.randomUUID().toString(), "", 0, 0, Instant.now());
    }
}
