package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.FixedMachine;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The other PIDs' validation, one bad value each. */
public class SettingsComponentsTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();


    @Test
    public void connectorDefaults() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        configure(component, Map.of());
        var settings = component.current();
        assertEquals("127.0.0.1", settings.address());
        assertEquals(12345, settings.broker());
        assertTrue(settings.dev());
        assertEquals(Path.of("/etc/iofog-connector/iofog-connector.conf"), settings.legacyConfig());
    }

    @Test
    public void brokerOutsideThePortRangeIsRejected() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        configure(component, Map.of("broker", 70000));
        assertEquals("broker: 70000 is not a port (expected 1-65535)", component.problem().orElseThrow());
        assertEquals(12345, component.current().broker());
    }

    @Test
    public void devIsOnlyTrueOrFalseAndABadValueKeepsTheLastGoodOne() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        configure(component, Map.of("dev", " TRUE "));
        assertTrue(component.current().dev());
        assertFalse(component.problem().isPresent());
        for (String bad : List.of("yes", "1", "maybe")) {
            assertFalse("Declarative Services alone reads " + bad + " as false",
                    ConfigProxy.of(ConnectorSettingsComponent.Config.class, Map.of("dev", bad)).dev());
            configure(component, Map.of("dev", bad));
            assertEquals("dev: \"" + bad + "\" is not true or false", component.problem().orElseThrow());
            assertTrue("dev stays on: " + bad, component.current().dev());
        }
        configure(component, Map.of("dev", Boolean.FALSE));
        assertFalse("a Karaf typed value B\"false\" arrives as a Boolean", component.current().dev());
        configure(component, Map.of("legacy.import", "no"));
        assertEquals("legacy.import: \"no\" is not true or false", component.problem().orElseThrow());
    }

    @Test
    public void brokerIsAWholeNumberInThePortRange() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        configure(component, Map.of("broker", " 23456 "));
        assertEquals(23456, component.current().broker());
        configure(component, Map.of("broker", "abc"));
        assertEquals("broker: \"abc\" is not a whole number", component.problem().orElseThrow());
        assertEquals("the last good value stays", 23456, component.current().broker());
        configure(component, Map.of("broker", "1234.5"));
        assertEquals("broker: \"1234.5\" is not a whole number", component.problem().orElseThrow());
        configure(component, Map.of("broker", "70000"));
        assertEquals("broker: 70000 is not a port (expected 1-65535)", component.problem().orElseThrow());
        configure(component, Map.of("broker", "99999999999"));
        assertEquals("broker: 99999999999 is not a port (expected 1-65535)", component.problem().orElseThrow());
        assertEquals(23456, component.current().broker());
    }

    @Test
    public void aTextValueDeclarativeServicesCannotConvertIsNamed() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        Supplier<String> unconvertible = () -> {
            throw new IllegalArgumentException("no conversion");
        };
        configure(component, Map.of("address", unconvertible));
        assertEquals("address: value cannot be read as the expected type (no conversion)",
                component.problem().orElseThrow());
    }

    @Test
    public void emptyAddressIsRejected() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        configure(component, Map.of("address", " "));
        assertEquals("address: must not be empty", component.problem().orElseThrow());
    }

    @Test
    public void aQuotedValueAnOlderImportLeftIsRejectedAndThePreviousOneStays() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        configure(component, Map.of("address", "10.0.0.5"));
        configure(component, Map.of("address", "\"127.0.0.1\""));
        assertEquals("address: \"127.0.0.1\" is in double quotes, which would become part of the value (an older"
                + " import wrote them); write address = 127.0.0.1", component.problem().orElseThrow());
        assertEquals("10.0.0.5", component.current().address());
        configure(component, Map.of("legacy.conf", " \"/etc/iofog-connector/iofog-connector.conf\" "));
        assertEquals("legacy.conf: \"/etc/iofog-connector/iofog-connector.conf\" is in double quotes, which would"
                + " become part of the value (an older import wrote them); write legacy.conf ="
                + " /etc/iofog-connector/iofog-connector.conf", component.problem().orElseThrow());
        configure(component, Map.of("address", "a\"b"));
        assertEquals("a quote inside a value is the operator's business", "a\"b", component.current().address());
    }

    @Test
    public void relaySettingsResolveTheMappingsFileAgainstKarafBase() throws IOException {
        Path base = temporary.newFolder("karaf").toPath();
        RelaySettingsComponent component = new RelaySettingsComponent(FixedMachine.typical().check(),
                new ConnectorDirectory(base, base.resolve("etc")));
        configure(component, Map.of());
        var settings = component.current();
        assertEquals("0.0.0.0", settings.bindAddress());
        assertEquals(Duration.ofSeconds(10), settings.authTimeout());
        assertEquals(base.resolve("iofog-connector/configs.json"), settings.mappingsFile());
        assertEquals(0, settings.sourceMaxShare(), 0);
        assertEquals(64, settings.sourceMaxWaiting());
        assertEquals(Duration.ofMillis(100), settings.agentSettleMin());
        assertFalse(component.problem().isPresent());
        configure(component, Map.of("mappings.file", "etc/iofog-connector/configs.json"));
        assertEquals("the default of earlier versions means today's", base.resolve("iofog-connector/configs.json"),
                component.current().mappingsFile());
        configure(component, Map.of("mappings.file", "mine/pipes.json"));
        assertEquals(base.resolve("mine/pipes.json"), component.current().mappingsFile());
    }

    @Test
    public void relaySourceLimitsAreChecked() {
        RelaySettingsComponent component = new RelaySettingsComponent();
        configure(component, Map.of("source_max_share", 0.5, "source_max_waiting", 10));
        assertEquals(0.5, component.current().sourceMaxShare(), 0);
        assertEquals(10, component.current().sourceMaxWaiting());
        assertEquals(30, component.current().sourceCap(60));
        assertEquals("a share never rounds down to nothing", 1, component.current().sourceCap(1));
        configure(component, Map.of("source_max_share", 1.5));
        assertEquals("source.max.share: 1.5 is not a share between 0 and 1 (0 = off)",
                component.problem().orElseThrow());
        assertEquals("the last good value stays", 0.5, component.current().sourceMaxShare(), 0);
        configure(component, Map.of("source_max_waiting", -1));
        assertEquals("source.max.waiting: -1 is too small (at least 0)", component.problem().orElseThrow());
        configure(component, Map.of("agent_settle_min_ms", -5L));
        assertEquals("agent.settle.min.ms: -5 is too small (at least 0)", component.problem().orElseThrow());
        configure(component, Map.of());
        assertEquals("off by default: one source may hold every connection", 60, component.current().sourceCap(60));
    }

    @Test
    public void relayRejectsBadBindAddressesAndTimeouts() {
        RelaySettingsComponent component = new RelaySettingsComponent(
                FixedMachine.typical().withName("edge-1.local", "192.0.2.2").check(), ConnectorDirectory.ofKaraf());
        configure(component, Map.of("bind_address", "300.1.1.1"));
        assertEquals("bind.address: \"300.1.1.1\" is not an IP address or a host name",
                component.problem().orElseThrow());
        configure(component, Map.of("auth_timeout_ms", 5L));
        assertEquals("auth.timeout.ms: 5 is too small (at least 100)", component.problem().orElseThrow());
        configure(component, Map.of("bind_address", "::1"));
        assertEquals("::1", component.current().bindAddress());
        configure(component, Map.of("bind_address", "edge-1.local"));
        assertEquals("edge-1.local", component.current().bindAddress());
        configure(component, Map.of("bind_address", "a b"));
        assertEquals("bind.address: \"a b\" is not an IP address or a host name", component.problem().orElseThrow());
    }

    @Test
    public void relayNumbersAreReadStrictly() {
        RelaySettingsComponent component = new RelaySettingsComponent();
        configure(component, Map.of("auth.timeout.ms", "2500", "source.max.share", " 0.25 "));
        assertEquals(Duration.ofMillis(2500), component.current().authTimeout());
        assertEquals(0.25, component.current().sourceMaxShare(), 0);
        configure(component, Map.of("auth.timeout.ms", "10s"));
        assertEquals("auth.timeout.ms: \"10s\" is not a whole number", component.problem().orElseThrow());
        configure(component, Map.of("auth.timeout.ms", "5"));
        assertEquals("auth.timeout.ms: 5 is too small (at least 100)", component.problem().orElseThrow());
        configure(component, Map.of("private.hold.bytes", "3000000000"));
        assertEquals("private.hold.bytes: 3000000000 is too large (at most 2147483647)",
                component.problem().orElseThrow());
        configure(component, Map.of("source.max.share", "half"));
        assertEquals("source.max.share: \"half\" is not a number", component.problem().orElseThrow());
        assertEquals("the last good settings stay", Duration.ofMillis(2500), component.current().authTimeout());
    }

    private static void configure(ConnectorSettingsComponent component, Map<String, ?> values) {
        ConfigProxy.deliver(component::configure, ConnectorSettingsComponent.Config.class, values);
    }

    private static void configure(RelaySettingsComponent component, Map<String, ?> values) {
        ConfigProxy.deliver(component::configure, RelaySettingsComponent.Config.class, values);
    }
}
