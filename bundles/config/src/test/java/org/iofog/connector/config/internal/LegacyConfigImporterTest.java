package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.InMemoryConfigurationAdmin;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LegacyConfigImporterTest {

    private static final String CONNECTOR = "org.iofog.connector";
    private static final String PORTS = "org.iofog.connector.ports";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final InMemoryConfigurationAdmin configurationAdmin = new InMemoryConfigurationAdmin();
    private LegacyConfigImporter importer;
    private Path legacy;

    @Before
    public void setUp() {
        importer = new LegacyConfigImporter(configurationAdmin.service());
        legacy = folder.getRoot().toPath().resolve("iofog-connector.conf");
        configurationAdmin.put(CONNECTOR, Map.of("address", "127.0.0.1", "broker", "12345", "dev", "true",
                "legacy.import", "true", "legacy.conf", legacy.toString()));
        configurationAdmin.put(PORTS, Map.of("ports", "6000-6050", "exclude", ""));
    }

    private void start() {
        Map<String, Object> properties = new HashMap<>();
        for (var keys = configurationAdmin.stored.get(CONNECTOR).keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            properties.put(key, configurationAdmin.stored.get(CONNECTOR).get(key));
        }
        importer.importOnce(ConfigProxy.of(ConnectorSettingsComponent.Config.class,
                Map.of("legacy_conf", legacy.toString())), properties);
    }

    private void writeLegacy(String json) throws IOException {
        Files.writeString(legacy, json);
    }

    @Test
    public void importsEveryFieldAndMarksTheImport() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\",\"7000-7002\"],\"exclude\":[\"7001\"],\"broker\":23456,"
                + "\"address\":\"10.0.0.5\",\"dev\":false}");
        start();
        assertEquals("6000-6001, 7000-7002", configurationAdmin.stored.get(PORTS).get("ports"));
        assertEquals("7001", configurationAdmin.stored.get(PORTS).get("exclude"));
        var connector = configurationAdmin.stored.get(CONNECTOR);
        assertEquals("10.0.0.5", connector.get("address"));
        assertEquals("23456", connector.get("broker"));
        assertEquals("false", connector.get("dev"));
        assertTrue(String.valueOf(connector.get("legacy.imported")).startsWith(legacy + " at "));
    }

    /** The feature's etc/org.iofog.connector.cfg, as a fresh installation has it. */
    private static final String CONNECTOR_CFG = String.join("\n",
            "# Host the local command-line tool uses to reach the REST API",
            "address = 127.0.0.1",
            "# Port answered by /api/v2/direct/add",
            "broker = 12345",
            "# Dev mode",
            "dev = true",
            "# Import the old daemon's files once at the first start (see README)",
            "legacy.import = true",
            "");

    @Test
    public void theCfgFileStaysInPlainKeyValueLinesWithItsComments() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"10.0.0.5\","
                + "\"dev\":false}");
        start();
        String cfg = FileinstallWriteBack.write(CONNECTOR_CFG, configurationAdmin.stored.get(CONNECTOR));
        List<String> lines = cfg.lines().toList();
        assertTrue(cfg, lines.contains("address = 10.0.0.5"));
        assertTrue(cfg, lines.contains("broker = 23456"));
        assertTrue(cfg, lines.contains("dev = false"));
        assertTrue(cfg, lines.contains("legacy.import = true"));
        assertTrue(cfg, lines.contains("# Port answered by /api/v2/direct/add"));
        assertTrue(cfg, lines.contains("# Dev mode"));
        assertFalse("no typed value anywhere: " + cfg, cfg.contains("\""));
    }

    @Test
    public void everyImportedValueIsText() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"10.0.0.5\"}");
        start();
        for (String pid : List.of(CONNECTOR, PORTS)) {
            for (Object value : Collections.list(configurationAdmin.stored.get(pid).elements())) {
                assertTrue(pid + " holds " + value.getClass().getSimpleName() + " " + value, value instanceof String);
            }
        }
    }

    @Test
    public void typedValuesAnOlderImportLeftBecomeTextAgain() throws Exception {
        configurationAdmin.put(CONNECTOR, Map.of("address", "127.0.0.1", "broker", 12345, "dev", Boolean.TRUE,
                "legacy.conf", legacy.toString()));
        start();
        var connector = configurationAdmin.stored.get(CONNECTOR);
        assertEquals("12345", connector.get("broker"));
        assertEquals("true", connector.get("dev"));
        String cfg = FileinstallWriteBack.write(CONNECTOR_CFG, connector);
        assertTrue(cfg, cfg.lines().toList().contains("broker = 12345"));
        assertFalse(cfg, cfg.contains("\""));
    }

    @Test
    public void aQuotedOldFilePathIsNotTakenAsNothingFound() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"a\"}");
        ConfigProxy.deliver(importer::importOnce, ConnectorSettingsComponent.Config.class,
                Map.of("legacy.conf", "\"" + legacy + "\""));
        assertEquals("nothing imported and no marker set: the path is reported and the import retried once fixed",
                0, configurationAdmin.updates);
    }

    @Test
    public void importsOnlyOnce() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"10.0.0.5\"}");
        start();
        int updates = configurationAdmin.updates;
        writeLegacy("{\"ports\":[\"9000\"],\"exclude\":[],\"broker\":1,\"address\":\"other\"}");
        start();
        assertEquals(updates, configurationAdmin.updates);
        assertEquals("6000-6001", configurationAdmin.stored.get(PORTS).get("ports"));
    }

    @Test
    public void noOldFileMarksTheFirstStartSoALaterFileIsNotImported() throws Exception {
        start();
        assertEquals("nothing found at " + legacy, configurationAdmin.stored.get(CONNECTOR).get("legacy.imported"));
        assertEquals("6000-6050", configurationAdmin.stored.get(PORTS).get("ports"));
        writeLegacy("{\"ports\":[\"9000\"],\"exclude\":[],\"broker\":1,\"address\":\"other\"}");
        start();
        assertEquals("6000-6050", configurationAdmin.stored.get(PORTS).get("ports"));
    }

    @Test
    public void aBrokenFileChangesNothingAndIsRetriedNextTime() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\",\"60x0-7000\"],\"exclude\":[],\"broker\":23456,\"address\":\"a\"}");
        start();
        assertEquals(0, configurationAdmin.updates);
        assertNull(configurationAdmin.stored.get(CONNECTOR).get("legacy.imported"));

        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"a\"}");
        start();
        assertEquals("6000-6001", configurationAdmin.stored.get(PORTS).get("ports"));
    }

    @Test
    public void aFailureToStoreTheSecondHalfUndoesTheFirst() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"a\"}");
        configurationAdmin.failingUpdates.add(CONNECTOR);
        start();
        assertEquals("6000-6050", configurationAdmin.stored.get(PORTS).get("ports"));
        assertEquals("12345", configurationAdmin.stored.get(CONNECTOR).get("broker"));
        assertNull(configurationAdmin.stored.get(CONNECTOR).get("legacy.imported"));
    }

    @Test
    public void switchedOffMeansNeverLooked() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"a\"}");
        importer.importOnce(ConfigProxy.of(ConnectorSettingsComponent.Config.class,
                Map.of("legacy_conf", legacy.toString(), "legacy_import", false)), Map.of());
        assertEquals(0, configurationAdmin.updates);
    }

    @Test
    public void legacyImportMustBeAClearTrue() throws Exception {
        writeLegacy("{\"ports\":[\"6000-6001\"],\"exclude\":[],\"broker\":23456,\"address\":\"a\"}");
        ConfigProxy.deliver(importer::importOnce, ConnectorSettingsComponent.Config.class,
                Map.of("legacy.conf", legacy.toString(), "legacy.import", "yes"));
        assertEquals("a value the settings component rejects imports nothing", 0, configurationAdmin.updates);
        ConfigProxy.deliver(importer::importOnce, ConnectorSettingsComponent.Config.class,
                Map.of("legacy.conf", legacy.toString(), "legacy.import", " TRUE "));
        assertEquals("6000-6001", configurationAdmin.stored.get(PORTS).get("ports"));
    }

    @Test
    public void onDemandADryRunSaysWhatWouldChangeAndChangesNothing() throws Exception {
        start();
        writeLegacy("{\"ports\":[\"7000-7010\"],\"exclude\":[\"7005\"],\"broker\":23456,\"address\":\"10.0.0.5\"}");
        int updates = configurationAdmin.updates;
        var result = importer.importSettings(legacy, true);
        assertEquals(List.of("ports = 7000-7010", "exclude = 7005", "address = 10.0.0.5", "broker = 23456",
                "dev = false"), result.changes());
        assertEquals(updates, configurationAdmin.updates);

        importer.importSettings(legacy, false);
        assertEquals("7000-7010", configurationAdmin.stored.get(PORTS).get("ports"));
        assertEquals("10.0.0.5", configurationAdmin.stored.get(CONNECTOR).get("address"));
    }

    @Test
    public void onDemandABadFileIsNamedAndNothingChanges() throws Exception {
        writeLegacy("{\"ports\":[\"60x0\"]}");
        int updates = configurationAdmin.updates;
        java.io.IOException failure = org.junit.Assert.assertThrows(java.io.IOException.class,
                () -> importer.importSettings(legacy, false));
        assertTrue(failure.getMessage(), failure.getMessage().contains("60x0"));
        assertEquals(updates, configurationAdmin.updates);
    }
}
