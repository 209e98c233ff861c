package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.iofog.connector.api.settings.ConnectorFolder;
import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.FixedMachine;
import org.iofog.connector.support.settings.KarafFolder;
import org.iofog.connector.support.settings.MetatypeCheck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** PID org.iofog.connector.relay: one bad value each, and the bind address checked against the machine's. */
public class RelaySettingsComponentTest {

    private static final String TYPICAL_ADDRESSES = "(its addresses: 127.0.0.1, 192.0.2.2, ::1; 0.0.0.0 for all)";
    private static final ConnectorFolder KARAF = new KarafFolder(Path.of("").toAbsolutePath());

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void relaySettingsResolveTheMappingsFileAgainstKarafBase() throws IOException {
        Path base = temporary.newFolder("karaf").toPath();
        RelaySettingsComponent component = new RelaySettingsComponent(FixedMachine.typical().check(),
                new KarafFolder(base));
        configure(component, Map.of());
        var settings = component.current();
        assertEquals("0.0.0.0", settings.bindAddress());
        assertEquals(Duration.ofSeconds(10), settings.authTimeout());
        assertEquals(base.resolve("iofog-connector/configs.json"), settings.mappingsFile());
        assertEquals(0, settings.sourceMaxShare(), 0);
        assertEquals(64, settings.sourceMaxWaiting());
        assertEquals(Duration.ofMillis(100), settings.agentSettleMin());
        assertFalse(component.problem().isPresent());
        configure(component, Map.of("mappings.file", "mine/pipes.json"));
        assertEquals(base.resolve("mine/pipes.json"), component.current().mappingsFile());
    }

    @Test
    public void relaySourceLimitsAreChecked() {
        RelaySettingsComponent component = new RelaySettingsComponent(KARAF);
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
                FixedMachine.typical().withName("edge-1.local", "192.0.2.2").check(), KARAF);
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
        RelaySettingsComponent component = new RelaySettingsComponent(KARAF);
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

    @Test
    public void relayRejectsAnAddressThisMachineLacksAndKeepsThePreviousOne() {
        RelaySettingsComponent component = new RelaySettingsComponent(FixedMachine.typical().check(), KARAF);
        configureBind(component, "127.0.0.1");
        assertFalse(component.problem().isPresent());

        configureBind(component, "192.0.2.123");
        assertEquals("bind.address: 192.0.2.123 is not an address of this machine " + TYPICAL_ADDRESSES,
                component.problem().orElseThrow());
        assertEquals("the last good setting stays", "127.0.0.1", component.current().bindAddress());
    }

    /** Rejecting it at the first start would put 0.0.0.0 in force: every interface instead of the one asked. */
    @Test
    public void anAddressThisMachineLacksAtTheFirstStartIsTakenRatherThanWidenedToEveryInterface() {
        RelaySettingsComponent component = new RelaySettingsComponent(FixedMachine.typical().check(), KARAF);
        configureBind(component, "192.0.2.123");
        assertEquals("192.0.2.123", component.current().bindAddress());
    }


    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(RelaySettingsComponent.Config.class);
    }

    private static void configure(RelaySettingsComponent component, Map<String, ?> values) {
        ConfigProxy.deliver(component::configure, RelaySettingsComponent.Config.class, values);
    }

    private static void configureBind(RelaySettingsComponent component, String bindAddress) {
        configure(component, Map.of("bind.address", bindAddress));
    }
}
