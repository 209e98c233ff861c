package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * What operators watch in the distribution: the connector's own log file, its counters over JMX, and
 * the same counters as Prometheus text on the REST server once a metrics path is set.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperationsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REST_PID = "org.iofog.connector.rest";

    @Inject
    private MappingRegistry registry;

    @Inject
    private MBeanServer mbeans;

    @Inject
    private BundleContext bundleContext;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return KarafOptions.karaf(KarafOptions.tarballUrl(), "iofog-connector-operations");
    }

    @Test
    public void theConnectorLogHasALinePerEventAndNoPasscode() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(2, 300));
        try (Socket wrong = Agents.connectFrom(3, mapping.port1())) {
            Agents.send(wrong, "0".repeat(36));
            assertTrue(Agents.closed(wrong));
        }
        try (Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1());
             Socket second = Agents.authenticate(mapping.port1(), mapping.passcodePort1())) {
            // Silent beyond the mapping's 300 ms heartbeat threshold: the relay closes them.
            assertTrue(Agents.closed(agent));
            assertTrue(Agents.closed(second));
        }
        registry.remove(mapping.id());
        String where = "port " + mapping.port1() + " of mapping " + mapping.id();
        for (String line : new String[] {"Mapping " + mapping.id() + " added: PUBLIC on ports " + mapping.port1(),
                "to " + where + " rejected: wrong passcode", "to " + where + " authenticated",
                "closed: nothing received for its heartbeat absence threshold", "Mapping " + mapping.id() + " removed"}) {
            Poll.until("the connector log to say: " + line, WAIT, () -> KarafLog.text("iofog-connector.log"),
                    text -> text.contains(line));
        }
        String log = KarafLog.text("iofog-connector.log");
        assertEquals("an INFO line for the first agent connection of the port, none for the second while it is open",
                1, log.split(Pattern.quote("to " + where + " authenticated"), -1).length - 1);
        assertFalse("a passcode in the log", log.contains(mapping.passcodePort1()));
        assertFalse("Karaf's own lines stay out of the connector's log", log.contains("FeaturesServiceImpl"));
    }

    /**
     * An agent or proxy with a stale passcode on the connector's own host redials as fast as it can: a burst of
     * 300 wrong passcodes from a loopback address writes one line into each log file, and the right agent gets in
     * at once.
     */
    @Test
    public void aBurstOfWrongPasscodesFromLoopbackWritesALineNotAFlood() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(1, 0));
        String rejected = "to port " + mapping.port1() + " of mapping " + mapping.id() + " rejected";
        List<Socket> wrong = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = Agents.connectFrom(4, mapping.port1());
                wrong.add(socket);
                Agents.send(socket, "0".repeat(36));
            }
            try (Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1())) {
                assertTrue("the right agent is answered", agent.isConnected());
            }
            for (Socket socket : wrong) {
                assertTrue("every wrong passcode is answered by a close", Agents.closed(socket));
            }
        } finally {
            for (Socket socket : wrong) {
                socket.close();
            }
            registry.remove(mapping.id());
        }
        for (String file : new String[] {"karaf.log", "iofog-connector.log"}) {
            String log = KarafLog.text(file);
            long lines = log.lines().filter(line -> line.contains(rejected)).count();
            assertEquals(file + ": lines for 300 wrong passcodes", 1, lines);
        }
    }

    /** Log lines are written, not also posted as OSGi events: nobody listens, and posting slowed adds down. */
    @Test
    public void logLinesAreNotPostedAsEvents() throws Exception {
        List<Event> posted = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> handler = bundleContext.registerService(EventHandler.class, posted::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, "org/osgi/service/log/LogEntry/*")));
        try {
            Mapping mapping = registry.addPublic(new PublicPipeSpec(1, 0));
            registry.remove(mapping.id());
            String removed = "Mapping " + mapping.id() + " removed";
            Poll.until("the connector log to say: " + removed, WAIT, () -> KarafLog.text("iofog-connector.log"),
                    text -> text.contains(removed));
            Thread.sleep(500); // events are delivered asynchronously: give any a moment to arrive
            assertEquals("log entries posted to EventAdmin", List.of(), posted);
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void theRelayCountersAreAnMBean() throws Exception {
        ObjectName relay = new ObjectName("org.iofog.connector:type=Relay");
        int before = (Integer) mbeans.getAttribute(relay, "PublicMappings");
        long failuresBefore = (Long) mbeans.getAttribute(relay, "AuthFailures");
        Mapping mapping = registry.addPublic(new PublicPipeSpec(2, 0));
        try (Socket wrong = Agents.connect(mapping.port1())) {
            Agents.send(wrong, "0".repeat(36));
            assertTrue(Agents.closed(wrong));
        }
        assertEquals(before + 1, mbeans.getAttribute(relay, "PublicMappings"));
        Poll.until("the auth failure to be counted", WAIT, () -> mbeanLong(relay, "AuthFailures"),
                n -> n == failuresBefore + 1);
        registry.remove(mapping.id());
        assertEquals(before, mbeans.getAttribute(relay, "PublicMappings"));
    }

    @Test
    public void prometheusMetricsOnceAPathIsSet() throws Exception {
        Configs configs = new Configs(configurationAdmin);
        Dictionary<String, Object> saved = configs.properties(REST_PID);
        try {
            // The test may run before the REST API has bound its port: the injected services do not wait for it.
            Http.Answer off = Poll.until("the REST API to answer", WAIT, OperationsIT::getMetrics,
                    answer -> answer != null);
            assertEquals("off by default", 405, off.status());
            configs.update(REST_PID, Map.of("metrics.path", "/metrics"));
            Http.Answer metrics = Poll.until("/metrics to answer", WAIT, OperationsIT::getMetrics,
                    answer -> answer != null && answer.status() == 200);
            Mapping mapping = registry.addPublic(new PublicPipeSpec(2, 0));
            try (Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1());
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), mapping.port2())) {
                client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", Agents.read(agent, 4));
                String after = Http.get(KarafOptions.HTTP_PORT, "/metrics").body();
                assertTrue(metrics.body(), metrics.body().contains("# TYPE iofog_connector_auth_failures_total counter"));
                assertTrue(after, after.contains("iofog_connector_agent_connections 1\n"));
                assertTrue(after, after.contains("iofog_connector_relayed_bytes 4\n"));
            } finally {
                registry.remove(mapping.id());
            }
        } finally {
            configs.restore(REST_PID, saved);
        }
    }

    /** The answer at /metrics, or null while the REST API does not accept connections (starting, moving). */
    private static Http.Answer getMetrics() {
        try {
            return Http.get(KarafOptions.HTTP_PORT, "/metrics");
        } catch (IOException e) {
            return null;
        }
    }

    private long mbeanLong(ObjectName name, String attribute) {
        try {
            return (Long) mbeans.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
