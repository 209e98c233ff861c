package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.InMemoryConfigurationAdmin;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.MetatypeCheck;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * PID {@code org.iofog.connector.transport}: defaults, accepted spellings, and one bad value each; and a choice of
 * transport stored through {@link org.iofog.connector.api.transport.TransportSelection}.
 */
public class TransportConfigurationTest {

    private final LastGoodSettings<TransportConfiguration.Config, TransportSettings> component =
            TransportConfiguration.lastGood(TransportConfigurationTest.class);
    /** Config Admin as the relay's transport component holds it: absent until set. */
    private ConfigurationAdmin configurationAdmin;

    private void configure(Map<String, ?> values) {
        ConfigProxy.deliver(component::apply, TransportConfiguration.Config.class, values);
    }

    private String select(String name) throws IOException {
        return TransportChoiceWriter.write(configurationAdmin, name);
    }

    @Test
    public void defaultsFitAnyMachine() {
        configure(Map.of());
        var settings = component.current();
        assertEquals("auto", settings.transport());
        assertEquals(0, settings.ioThreads());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.effectiveIoThreads());
        assertEquals(1, settings.acceptThreads());
        assertEquals(Duration.ofMinutes(5), settings.drainDeadline());
        assertFalse(settings.splice());
        assertFalse(component.problem().isPresent());
    }

    @Test
    public void transportNamesIgnoreCaseAndDashes() {
        configure(Map.of("transport", " IO-URING "));
        assertEquals("io_uring", component.current().transport());
        configure(Map.of("transport", "Epoll"));
        assertEquals("epoll", component.current().transport());
    }

    @Test
    public void anyTransportNameIsTakenForTheRelayToFindAmongThosePresent() {
        // An open whiteboard: a transport installed later (or never) may be asked for; the relay warns while it
        // is absent and runs on the best one present.
        configure(Map.of("transport", "kqueue"));
        assertEquals("kqueue", component.current().transport());
        assertFalse(component.problem().isPresent());
    }

    @Test
    public void aTextThatCannotNameATransportIsNamedAndTheLastGoodOneKept() {
        configure(Map.of("transport", "nio"));
        configure(Map.of("transport", "k queue"));
        assertEquals("transport: \"k queue\" is not a transport name (auto, or a name such as nio, epoll or io_uring:"
                + " letters, digits and _)", component.problem().orElseThrow());
        assertEquals("nio", component.current().transport());
        configure(Map.of("transport", "1nio"));
        assertTrue(component.problem().isPresent());
    }

    @Test
    public void threadCountsAreBounded() {
        configure(Map.of("io_threads", -1));
        assertEquals("io.threads: -1 is too small (at least 0)", component.problem().orElseThrow());
        configure(Map.of("accept_threads", 0));
        assertEquals("accept.threads: 0 is too small (at least 1)", component.problem().orElseThrow());
        configure(Map.of("io_threads", 100_000));
        assertEquals("io.threads: 100000 is too large (at most 1024)", component.problem().orElseThrow());
        configure(Map.of("io_threads", 3, "accept_threads", 2));
        assertEquals(3, component.current().effectiveIoThreads());
        assertEquals(2, component.current().acceptThreads());
    }

    @Test
    public void aNegativeDrainDeadlineIsRejected() {
        configure(Map.of("drain_deadline_ms", -5L));
        assertEquals("drain.deadline.ms: -5 is too small (at least 0)", component.problem().orElseThrow());
        configure(Map.of("drain_deadline_ms", 0L, "splice", true));
        assertEquals(Duration.ZERO, component.current().drainDeadline());
        assertTrue(component.current().splice());
    }

    @Test
    public void spliceAndThreadCountsAreReadStrictly() {
        configure(Map.of("splice", " True "));
        assertTrue(component.current().splice());
        configure(Map.of("splice", "yes"));
        assertEquals("splice: \"yes\" is not true or false", component.problem().orElseThrow());
        assertTrue("the last good value stays, where Declarative Services alone would read false",
                component.current().splice());
        configure(Map.of("splice", " False ", "io.threads", "2"));
        assertFalse(component.current().splice());
        assertEquals(2, component.current().ioThreads());
        configure(Map.of("io.threads", "two"));
        assertEquals("io.threads: \"two\" is not a whole number", component.problem().orElseThrow());
        configure(Map.of("io.threads", "2000"));
        assertEquals("io.threads: 2000 is too large (at most 1024)", component.problem().orElseThrow());
        assertEquals(2, component.current().ioThreads());
    }

    // ---- choosing a transport: only the transport property changes ----

    @Test
    public void aChoiceChangesOnlyTheTransportProperty() throws IOException {
        InMemoryConfigurationAdmin admin = new InMemoryConfigurationAdmin();
        admin.put(TransportSettings.PID, Map.of("transport", "auto", "drain.deadline.ms", "300000", "io.threads", 2));
        configurationAdmin = admin.service();
        assertEquals("io_uring", select(" IO-URING "));
        assertEquals("the other properties kept",
                Map.of("transport", "io_uring", "drain.deadline.ms", "300000", "io.threads", 2),
                toMap(admin.stored.get(TransportSettings.PID)));
        assertEquals("any well-formed name: transports are a whiteboard", "kqueue", select("kqueue"));
    }

    @Test
    public void aChoiceCreatesTheConfigurationWhenThereIsNone() throws IOException {
        InMemoryConfigurationAdmin admin = new InMemoryConfigurationAdmin();
        configurationAdmin = admin.service();
        assertEquals("auto", select("auto"));
        assertEquals(Map.of("transport", "auto"), toMap(admin.stored.get(TransportSettings.PID)));
    }

    @Test
    public void aTextThatCannotNameATransportIsRefusedAndNothingStored() {
        InMemoryConfigurationAdmin admin = new InMemoryConfigurationAdmin();
        configurationAdmin = admin.service();
        assertEquals("'k queue' is not a transport name: auto, or the name of a transport (letters, digits and _)",
                assertThrows(IllegalArgumentException.class, () -> select("k queue")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> select("1nio"));
        assertEquals(0, admin.updates);
    }

    @Test
    public void aChoiceThatCannotBeStoredSaysWhy() {
        assertEquals("Config Admin is not available: is the connector running? (bundle:list)",
                assertThrows(IOException.class, () -> select("nio")).getMessage());
        InMemoryConfigurationAdmin admin = new InMemoryConfigurationAdmin();
        admin.failingUpdates.add(TransportSettings.PID);
        configurationAdmin = admin.service();
        assertEquals("disk full", assertThrows(IOException.class, () -> select("nio")).getMessage());
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            map.put(key, properties.get(key));
        }
        return map;
    }

    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(TransportConfiguration.Config.class);
    }
}
