package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.Test;

/** The other PIDs' validation, one bad value each. */
public class SettingsComponentsTest {

    @Test
    public void connectorDefaults() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        component.configure(ConfigProxy.of(ConnectorSettingsComponent.Config.class, Map.of()));
        var settings = component.current();
        assertEquals("127.0.0.1", settings.address());
        assertEquals(12345, settings.broker());
        assertTrue(settings.dev());
        assertEquals(Path.of("/etc/iofog-connector/iofog-connector.conf"), settings.legacyConfig());
    }

    @Test
    public void brokerOutsideThePortRangeIsRejected() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        component.configure(ConfigProxy.of(ConnectorSettingsComponent.Config.class, Map.of("broker", 70000)));
        assertEquals("broker: 70000 is not a port (expected 1-65535)", component.problem().orElseThrow());
        assertEquals(12345, component.current().broker());
    }

    @Test
    public void aValueDeclarativeServicesCannotConvertIsNamed() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        Supplier<Integer> unconvertible = () -> {
            throw new IllegalArgumentException("For input string: \"abc\"");
        };
        component.configure(ConfigProxy.of(ConnectorSettingsComponent.Config.class, Map.of("broker", unconvertible)));
        assertEquals("broker: value cannot be read as the expected type (For input string: \"abc\")",
                component.problem().orElseThrow());
    }

    @Test
    public void emptyAddressIsRejected() {
        ConnectorSettingsComponent component = new ConnectorSettingsComponent();
        component.configure(ConfigProxy.of(ConnectorSettingsComponent.Config.class, Map.of("address", " ")));
        assertEquals("address: must not be empty", component.problem().orElseThrow());
    }

    @Test
    public void relaySettingsResolveTheMappingsFileAgainstKarafBase() {
        RelaySettingsComponent component = new RelaySettingsComponent();
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of()));
        var settings = component.current();
        assertEquals("0.0.0.0", settings.bindAddress());
        assertEquals(Duration.ofSeconds(10), settings.authTimeout());
        assertTrue(settings.mappingsFile().endsWith(Path.of("etc/iofog-connector/configs.json")));
        assertEquals(0, settings.sourceMaxShare(), 0);
        assertEquals(64, settings.sourceMaxWaiting());
        assertEquals(Duration.ofMillis(100), settings.agentSettleMin());
        assertFalse(component.problem().isPresent());
    }

    @Test
    public void relaySourceLimitsAreChecked() {
        RelaySettingsComponent component = new RelaySettingsComponent();
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class,
                Map.of("source_max_share", 0.5, "source_max_waiting", 10)));
        assertEquals(0.5, component.current().sourceMaxShare(), 0);
        assertEquals(10, component.current().sourceMaxWaiting());
        assertEquals(30, component.current().sourceCap(60));
        assertEquals("a share never rounds down to nothing", 1, component.current().sourceCap(1));
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("source_max_share", 1.5)));
        assertEquals("source.max.share: 1.5 is not a share between 0 and 1 (0 = off)",
                component.problem().orElseThrow());
        assertEquals("the last good value stays", 0.5, component.current().sourceMaxShare(), 0);
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("source_max_waiting", -1)));
        assertEquals("source.max.waiting: -1 is too small (at least 0)", component.problem().orElseThrow());
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("agent_settle_min_ms", -5L)));
        assertEquals("agent.settle.min.ms: -5 is too small (at least 0)", component.problem().orElseThrow());
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of()));
        assertEquals("off by default: one source may hold every connection", 60, component.current().sourceCap(60));
    }

    @Test
    public void relayRejectsBadBindAddressesAndTimeouts() {
        RelaySettingsComponent component = new RelaySettingsComponent();
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("bind_address", "300.1.1.1")));
        assertEquals("bind.address: \"300.1.1.1\" is not an IP address or a host name",
                component.problem().orElseThrow());
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("auth_timeout_ms", 5L)));
        assertEquals("auth.timeout.ms: 5 is too small (at least 100)", component.problem().orElseThrow());
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("bind_address", "::1")));
        assertEquals("::1", component.current().bindAddress());
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("bind_address", "edge-1.local")));
        assertEquals("edge-1.local", component.current().bindAddress());
        component.configure(ConfigProxy.of(RelaySettingsComponent.Config.class, Map.of("bind_address", "a b")));
        assertEquals("bind.address: \"a b\" is not an IP address or a host name", component.problem().orElseThrow());
    }

    @Test
    public void restRejectsBadPortsAndNeverShowsTheToken() {
        RestSettingsComponent component = new RestSettingsComponent();
        component.configure(ConfigProxy.of(RestSettingsComponent.Config.class,
                Map.of("http_port", 0, "api_token", "s3cret")));
        assertEquals("http.port: 0 is not a port (expected 1-65535)", component.problem().orElseThrow());
        component.configure(ConfigProxy.of(RestSettingsComponent.Config.class, Map.of("api_token", "s3cret")));
        assertEquals("s3cret", component.current().apiToken());
        assertEquals(443, component.current().port(false));
        assertEquals(8080, component.current().port(true));
        assertFalse(component.current().toString().contains("s3cret"));
    }

    @Test
    public void metricsAreOffByDefaultAndTheirPathIsChecked() {
        RestSettingsComponent component = new RestSettingsComponent();
        component.configure(ConfigProxy.of(RestSettingsComponent.Config.class, Map.of()));
        assertEquals("", component.current().metricsPath());
        component.configure(ConfigProxy.of(RestSettingsComponent.Config.class, Map.of("metrics_path", " /metrics ")));
        assertEquals("/metrics", component.current().metricsPath());
        component.configure(ConfigProxy.of(RestSettingsComponent.Config.class, Map.of("metrics_path", "/api/v2/metrics")));
        assertEquals("metrics.path: \"/api/v2/metrics\" is not a path like /metrics (it must start with / and not"
                + " with /api/)", component.problem().orElseThrow());
        assertEquals("/metrics", component.current().metricsPath());
    }
}
