package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.PortSettingsProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots the custom distribution tarball and checks the connector as a Karaf user meets it: every
 * component active, settings changes live without restarts, bad settings rejected with the last good
 * ones kept, and the old daemon's settings file imported once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectorDistributionIT {

    private static final String PORTS_PID = "org.iofog.connector.ports";
    private static final String CONNECTOR_PID = "org.iofog.connector";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Inject
    private PortAllocator allocator;

    @Inject
    private PortSettingsProvider portSettings;

    @Inject
    private ConnectorSettingsProvider connectorSettings;

    @Inject
    private MappingRegistry registry;

    @Configuration
    public Option[] configuration() {
        return KarafOptions.karaf(KarafOptions.tarballUrl(), "iofog-connector");
    }

    @Test
    public void everyConnectorComponentIsActive() {
        List<Bundle> bundles = connectorBundles();
        List<String> expected = new ArrayList<>(List.of("org.iofog.connector.api", "org.iofog.connector.config",
                "org.iofog.connector.ports", "org.iofog.connector.relay", "org.iofog.connector.rest",
                "org.iofog.connector.shell", "org.iofog.connector.tls",
                "org.iofog.connector.transport.epoll", "org.iofog.connector.transport.iouring",
                "org.iofog.connector.transport.nio"));
        if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))) {
            // The marker of this platform, and not the other one: it brings the native libraries.
            expected.add("org.iofog.connector.platform.linux.x86_64");
        }
        assertEquals("connector bundles " + bundles, expected.stream().sorted().toList(),
                bundles.stream().map(Bundle::getSymbolicName).sorted().toList());
        List<String> active = new ArrayList<>();
        for (Bundle bundle : bundles) {
            assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
            for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs(bundle)) {
                var configurations = componentRuntime.getComponentConfigurationDTOs(description);
                assertFalse(description.name + " has no configuration (unsatisfied?)", configurations.isEmpty());
                for (ComponentConfigurationDTO configuration : configurations) {
                    assertEquals(description.name + " state (unsatisfied references: "
                            + List.of(configuration.unsatisfiedReferences) + ")",
                            ComponentConfigurationDTO.ACTIVE, configuration.state);
                }
                active.add(description.name.substring(description.name.lastIndexOf('.') + 1));
            }
        }
        assertEquals(List.of("ConnectorFolderComponent", "ConnectorSettingsComponent", "EpollTransportRegistrar",
                "IoUringTransportRegistrar", "LegacyConfigImporter", "LegacyMappingsImportComponent",
                "MappingRegistryComponent", "NioTransportRegistrar", "PortAllocatorComponent", "RelayCountersComponent",
                "RelayMetricsJmx", "RelaySettingsComponent", "RelayTransportsComponent", "RestServerComponent",
                "TlsContextComponent"),
                active.stream().sorted().toList());
    }

    @Test
    public void publicPipeOpenedThroughTheServiceRelaysBytes() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(2, 200_000));
        try (Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1());
             Socket client = Agents.connect(mapping.port2())) {
            Agents.send(client, "GET / HTTP/1.0\r\n\r\n");
            assertEquals("GET / HTTP/1.0\r\n\r\n", Agents.read(agent, 18));
            Agents.send(agent, "BEAT");
            assertEquals("BEAT", Agents.read(agent, 4));
            Agents.send(agent, "HTTP/1.0 200 OK");
            assertEquals("HTTP/1.0 200 OK", Agents.read(client, 15));
            MappingStatus status = registry.status(mapping.id()).orElseThrow();
            assertTrue(status.port1Listening() && status.port2Listening());
            assertEquals(1, status.agentsPort1());
        } finally {
            assertTrue(registry.remove(mapping.id()));
        }
        assertFalse("port1 closed after remove", Agents.listening(mapping.port1()));
        assertFalse("port2 closed after remove", Agents.listening(mapping.port2()));
        assertFalse("ports released", allocator.isUsed(mapping.port1()) || allocator.isUsed(mapping.port2()));
    }

    @Test
    public void theControllersRequestsOverHttpOpenAWorkingPipeAndCloseIt() throws Exception {
        int before = (int) Http.post(KarafOptions.HTTP_PORT, "status", "mappingid=all").number("mappings");
        Http.Answer added = Http.post(KarafOptions.HTTP_PORT, "mapping/add", Http.form("mapping",
                "{\"type\":\"public\",\"maxconnections\":60,\"heartbeatabsencethreshold\":200000}"));
        assertEquals(added.body(), 200, added.status());
        String id = added.text("id");
        int port1 = (int) added.number("port1");
        int port2 = (int) added.number("port2");
        try (Socket agent = Agents.authenticate(port1, added.text("passcode1"));
             Socket client = Agents.connect(port2)) {
            Agents.send(client, "GET / HTTP/1.0\r\n\r\n");
            assertEquals("GET / HTTP/1.0\r\n\r\n", Agents.read(agent, 18));
            Agents.send(agent, "HTTP/1.0 200 OK");
            assertEquals("HTTP/1.0 200 OK", Agents.read(client, 15));
            Http.Answer status = Http.post(KarafOptions.HTTP_PORT, "status", "mappingid=" + id);
            assertEquals("Active", status.text("public"));
            assertEquals(before + 1, Http.post(KarafOptions.HTTP_PORT, "status", "mappingid=all").number("mappings"));
        }
        Http.Answer removed = Http.post(KarafOptions.HTTP_PORT, "mapping/remove", "mappingid=" + id);
        assertEquals(removed.body(), 200, removed.status());
        assertFalse("port1 closed after remove", Agents.listening(port1));
        assertFalse("port2 closed after remove", Agents.listening(port2));
        assertEquals(before, Http.post(KarafOptions.HTTP_PORT, "status", "mappingid=all").number("mappings"));
    }

    @Test
    public void stoppingTheRelayBundleClosesItsListenersAndStartingItRestoresThem() throws Exception {
        Mapping mapping = registry.addPrivate(new PrivatePipeSpec(1, 1, 0, 0));
        Bundle relay = connectorBundles().stream()
                .filter(b -> b.getSymbolicName().equals("org.iofog.connector.relay")).findFirst().orElseThrow();
        Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1());
        relay.stop();
        try {
            assertFalse("listener closed with the bundle", Agents.listening(mapping.port1()));
            assertTrue("connection closed with the bundle", Agents.closed(agent));
        } finally {
            agent.close();
            relay.start();
        }
        ServiceTracker<MappingRegistry, MappingRegistry> tracker =
                new ServiceTracker<>(context, MappingRegistry.class, null);
        tracker.open();
        try {
            MappingRegistry restarted = tracker.waitForService(WAIT.toMillis());
            assertEquals(mapping, restarted.status(mapping.id()).orElseThrow().mapping());
            try (Socket again = Agents.authenticate(mapping.port2(), mapping.passcodePort2())) {
                assertTrue(again.isConnected());
            }
            assertTrue(restarted.remove(mapping.id()));
        } finally {
            tracker.close();
        }
    }

    @Test
    public void distributionStartsWithTheDocumentedDefaults() {
        assertEquals(List.of(new PortRange(6000, 6050)), allocator.usage().ranges());
        assertEquals(51, allocator.usage().free());
        assertTrue("dev mode", connectorSettings.current().dev());
    }

    /**
     * The distribution's etc/org.apache.felix.eventadmin.impl.EventAdmin.cfg is in force: Event Admin's pool of
     * 4 threads and 2 for asynchronous delivery, where Karaf's default keeps 30 threads for an idle connector.
     */
    @Test
    public void eventAdminKeepsItsSmallThreadPool() {
        long eventAdminThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("EventAdmin"))
                .count();
        assertTrue("Event Admin threads: " + eventAdminThreads, eventAdminThreads > 0 && eventAdminThreads <= 6);
    }

    @Test
    public void portRangeChangeIsAppliedInPlace() throws Exception {
        Map<String, Object> before = fingerprint();
        Dictionary<String, Object> saved = properties(PORTS_PID);
        try {
            update(PORTS_PID, Map.of("ports", "17000-17001, 17005", "exclude", "17005"));
            Poll.until("the allocator to use 17000-17001", WAIT, () -> allocator.usage().ranges(),
                    r -> r.equals(List.of(new PortRange(17000, 17001), PortRange.single(17005))));
            assertEquals(2, allocator.usage().free());
            PortPair pair = allocator.allocatePair();
            assertEquals(List.of(17000, 17001), List.of(pair.port1(), pair.port2()).stream().sorted().toList());
            allocator.release(pair.port1());
            allocator.release(pair.port2());
            assertEquals("nothing restarted or re-created", before, fingerprint());
        } finally {
            restore(PORTS_PID, saved);
        }
        Poll.until("the default range back", WAIT, () -> allocator.usage().ranges(),
                r -> r.equals(List.of(new PortRange(6000, 6050))));
    }

    @Test
    public void editsOfEtcCfgFilesArePickedUp() throws Exception {
        Path cfg = Path.of(System.getProperty("karaf.etc"), PORTS_PID + ".cfg");
        String original = Files.readString(cfg);
        assertTrue("shipped cfg file " + cfg + ":\n" + original, original.contains("6000-6050"));
        Map<String, Object> before = fingerprint();
        try {
            Files.writeString(cfg, original.replace("6000-6050", "18000-18009"));
            Poll.until("the allocator to follow the edited file", WAIT, () -> allocator.usage().ranges(),
                    r -> r.equals(List.of(new PortRange(18000, 18009))));
            assertEquals(before, fingerprint());
        } finally {
            Files.writeString(cfg, original);
        }
        Poll.until("the original file back in force", WAIT, () -> allocator.usage().ranges(),
                r -> r.equals(List.of(new PortRange(6000, 6050))));
    }

    @Test
    public void badSettingsAreReportedAndTheLastGoodOnesKept() throws Exception {
        Map<String, Object> before = fingerprint();
        Dictionary<String, Object> savedPorts = properties(PORTS_PID);
        Dictionary<String, Object> savedConnector = properties(CONNECTOR_PID);
        try {
            update(PORTS_PID, Map.of("ports", "60x0-7000"));
            String problem = Poll.until("the bad range to be rejected", WAIT, () -> portSettings.problem().orElse(""),
                    p -> !p.isEmpty());
            assertEquals("ports: \"60x0-7000\" is not a port or a range of ports (expected \"a-b\" or \"a\" with"
                    + " whole numbers from 1 to 65535)", problem);
            assertEquals(List.of(new PortRange(6000, 6050)), allocator.usage().ranges());
            assertLogged("Configuration org.iofog.connector.ports rejected: " + problem
                    + ". Keeping the previous settings");

            update(PORTS_PID, Map.of("ports", "7000-6000"));
            Poll.until("the reversed range to be rejected", WAIT, () -> portSettings.problem().orElse(""),
                    p -> p.contains("7000-6000"));
            update(CONNECTOR_PID, Map.of("broker", "abc"));
            Poll.until("the bad broker to be rejected", WAIT, () -> connectorSettings.problem().orElse(""),
                    p -> p.startsWith("broker: "));
            assertEquals(12345, connectorSettings.current().broker());
            assertEquals(List.of(new PortRange(6000, 6050)), allocator.usage().ranges());
            assertEquals(before, fingerprint());
        } finally {
            restore(PORTS_PID, savedPorts);
            restore(CONNECTOR_PID, savedConnector);
        }
        Poll.until("the problems to clear", WAIT, () -> portSettings.problem().isEmpty()
                && connectorSettings.problem().isEmpty(), Boolean::booleanValue);
    }

    @Test
    public void oldDaemonSettingsAreImportedOnce() throws Exception {
        Dictionary<String, Object> savedPorts = properties(PORTS_PID);
        Dictionary<String, Object> savedConnector = properties(CONNECTOR_PID);
        Path legacy = Files.createTempFile("iofog-connector", ".conf");
        try {
            importAgain(legacy, "{\"ports\": [\"16000-16001\", \"17000-17002\"], \"exclude\": [\"17001\"],"
                    + " \"broker\": 23456, \"address\": \"10.0.0.5\", \"dev\": false}");

            Poll.until("the imported ranges", WAIT, () -> allocator.usage().ranges(), r -> r.equals(List.of(
                    new PortRange(16000, 16001), new PortRange(17000, 17002))));
            assertEquals(List.of(PortRange.single(17001)), allocator.usage().exclude());
            Poll.until("the imported broker", WAIT, () -> connectorSettings.current().broker(), b -> b == 23456);
            assertEquals("10.0.0.5", connectorSettings.current().address());
            assertFalse("dev imported as false", connectorSettings.current().dev());
            assertTrue(String.valueOf(properties(CONNECTOR_PID).get("legacy.imported")).startsWith(legacy.toString()));

            // Once only: a later change of the file is not imported again.
            Files.writeString(legacy, "{\"ports\": [\"19000-19001\"], \"exclude\": [], \"broker\": 1,"
                    + " \"address\": \"x\"}");
            update(CONNECTOR_PID, Map.of("address", "127.0.0.2"));
            Poll.until("the address change", WAIT, () -> connectorSettings.current().address(),
                    a -> a.equals("127.0.0.2"));
            assertEquals(23456, connectorSettings.current().broker());
            assertEquals(List.of(new PortRange(16000, 16001), new PortRange(17000, 17002)),
                    allocator.usage().ranges());
        } finally {
            Files.deleteIfExists(legacy);
            restore(PORTS_PID, savedPorts);
            restore(CONNECTOR_PID, savedConnector);
        }
        Poll.until("the defaults back", WAIT, () -> connectorSettings.current().broker() == 12345
                && allocator.usage().ranges().equals(List.of(new PortRange(6000, 6050))), Boolean::booleanValue);
    }

    @Test
    public void aBrokenOldSettingsFileIsNotImportedAtAll() throws Exception {
        Dictionary<String, Object> savedConnector = properties(CONNECTOR_PID);
        Path legacy = Files.createTempFile("iofog-connector-broken", ".conf");
        try {
            importAgain(legacy, "{\"ports\": [\"6000-6001\", \"60x0-7000\"], \"exclude\": [],"
                    + " \"broker\": 23456, \"address\": \"10.0.0.5\"}");

            String expected = "Old settings not imported, nothing was changed: " + legacy
                    + ": field \"ports\" item 2: \"60x0-7000\" is not a port or a range of ports";
            Poll.until("the import error in the log", WAIT, () -> KarafLog.text().contains(expected), Boolean::booleanValue);
            assertNull("no marker", properties(CONNECTOR_PID).get("legacy.imported"));
            assertEquals(12345, connectorSettings.current().broker());
            assertEquals(List.of(new PortRange(6000, 6050)), allocator.usage().ranges());
        } finally {
            Files.deleteIfExists(legacy);
            restore(CONNECTOR_PID, savedConnector);
        }
    }

    // ---- helpers ----

    /** Writes an old settings file and points the importer at it, with the "imported" marker removed. */
    private void importAgain(Path legacy, String content) throws IOException {
        Files.writeString(legacy, content);
        Dictionary<String, Object> pending = properties(CONNECTOR_PID);
        pending.remove("legacy.imported");
        pending.put("legacy.conf", legacy.toString());
        configurationAdmin.getConfiguration(CONNECTOR_PID, "?").update(pending);
    }

    private List<Bundle> connectorBundles() {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.iofog.connector.")) {
                bundles.add(bundle);
            }
        }
        return bundles;
    }

    /**
     * What must not change when settings change: bundle ids, states and last-modified times, the
     * service ids of the settings and allocator services, the component configuration ids, and the
     * allocator instance itself.
     */
    private Map<String, Object> fingerprint() throws Exception {
        // A test before may have restarted a bundle: components re-activate asynchronously, so the print is
        // taken once all of them are active again.
        Poll.until("every connector component active", WAIT, this::allComponentsActive, Boolean::booleanValue);
        Map<String, Object> print = new TreeMap<>();
        for (Bundle bundle : connectorBundles()) {
            print.put(bundle.getSymbolicName(), bundle.getBundleId() + "/" + bundle.getState() + "/"
                    + bundle.getLastModified());
            for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs(bundle)) {
                print.put(description.name, componentRuntime.getComponentConfigurationDTOs(description).stream()
                        .map(c -> c.id + ":" + c.state).collect(Collectors.joining(",")));
            }
        }
        for (Class<?> type : List.of(PortAllocator.class, PortSettingsProvider.class, ConnectorSettingsProvider.class)) {
            ServiceReference<?> reference = context.getServiceReference(type);
            print.put(type.getSimpleName() + " service.id", reference.getProperty(Constants.SERVICE_ID));
        }
        ServiceReference<PortAllocator> reference = context.getServiceReference(PortAllocator.class);
        PortAllocator instance = context.getService(reference);
        try {
            assertSame("allocator instance", allocator, instance);
        } finally {
            context.ungetService(reference);
        }
        return print;
    }

    private boolean allComponentsActive() {
        for (Bundle bundle : connectorBundles()) {
            for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration
                        : componentRuntime.getComponentConfigurationDTOs(description)) {
                    if (configuration.state != ComponentConfigurationDTO.ACTIVE) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private Dictionary<String, Object> properties(String pid) throws IOException {
        return new Configs(configurationAdmin).properties(pid);
    }

    private void update(String pid, Map<String, Object> changes) throws IOException {
        new Configs(configurationAdmin).update(pid, changes);
    }

    private void restore(String pid, Dictionary<String, Object> saved) throws IOException {
        new Configs(configurationAdmin).restore(pid, saved);
    }

    /** The line is logged, and without a stack trace after it: a user's mistake is not a crash. */
    private static void assertLogged(String text) throws InterruptedException {
        String log = Poll.until("\"" + text + "\" in karaf.log", WAIT, KarafLog::text,
                l -> l.contains(text));
        int at = log.lastIndexOf(text);
        int lineEnd = log.indexOf('\n', at);
        String next = lineEnd < 0 ? "" : log.substring(lineEnd + 1, Math.min(log.length(), lineEnd + 200));
        assertNotEquals("stack trace after the error line: " + next, true,
                next.startsWith("\tat ") || next.startsWith("java.") || next.startsWith("org.osgi."));
    }
}
