package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.support.settings.BindAddressCheck;
import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.FixedMachine;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.MetatypeCheck;
import org.junit.Test;

/** PID org.iofog.connector.rest as the REST component reads it: one bad value each. */
public class RestConfigurationTest {

    private static final String TYPICAL_ADDRESSES = "(its addresses: 127.0.0.1, 192.0.2.2, ::1; 0.0.0.0 for all)";

    @Test
    public void restNumbersAreReadStrictly() {
        var component = settings(FixedMachine.typical().check());
        configure(component, Map.of("http.port", "8081"));
        assertEquals(8081, component.current().httpPort());
        configure(component, Map.of("http.port", "8o80"));
        assertEquals("http.port: \"8o80\" is not a whole number", component.problem().orElseThrow());
        configure(component, Map.of("https.port", "65536"));
        assertEquals("https.port: 65536 is not a port (expected 1-65535)", component.problem().orElseThrow());
        configure(component, Map.of("max.body.bytes", "64k"));
        assertEquals("max.body.bytes: \"64k\" is not a whole number", component.problem().orElseThrow());
        assertEquals(8081, component.current().httpPort());
    }

    @Test
    public void restRejectsBadPortsAndNeverShowsTheToken() {
        var component = settings(FixedMachine.typical().check());
        configure(component, Map.of("http_port", 0, "api_token", "s3cret"));
        assertEquals("http.port: 0 is not a port (expected 1-65535)", component.problem().orElseThrow());
        configure(component, Map.of("api_token", "s3cret"));
        assertEquals("s3cret", component.current().apiToken());
        assertEquals(443, component.current().port(false));
        assertEquals(8080, component.current().port(true));
        assertFalse(component.current().toString().contains("s3cret"));
    }

    @Test
    public void metricsAreOffByDefaultAndTheirPathIsChecked() {
        var component = settings(FixedMachine.typical().check());
        configure(component, Map.of());
        assertEquals("", component.current().metricsPath());
        configure(component, Map.of("metrics_path", " /metrics "));
        assertEquals("/metrics", component.current().metricsPath());
        configure(component, Map.of("metrics_path", "/api/v2/metrics"));
        assertEquals("metrics.path: \"/api/v2/metrics\" is not a path like /metrics (it must start with / and not"
                + " with /api/)", component.problem().orElseThrow());
        assertEquals("/metrics", component.current().metricsPath());
    }

    @Test
    public void restRejectsAnAddressThisMachineLacksToo() {
        var component = settings(FixedMachine.typical().check());
        configure(component, Map.of("bind.address", "192.0.2.2"));
        configure(component, Map.of("bind.address", "10.99.99.99"));
        assertEquals("bind.address: 10.99.99.99 is not an address of this machine " + TYPICAL_ADDRESSES,
                component.problem().orElseThrow());
        assertEquals("192.0.2.2", component.current().bindAddress());
    }

    /** Rejecting it at the first start would put 0.0.0.0 in force: every interface instead of the one asked. */
    @Test
    public void anAddressThisMachineLacksAtTheFirstStartIsTakenRatherThanWidenedToEveryInterface() {
        var rest = settings(FixedMachine.typical().check());
        configure(rest, Map.of("bind.address", "10.99.99.99"));
        assertEquals("10.99.99.99", rest.current().bindAddress());
    }

    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(RestConfiguration.Config.class);
    }

    private static LastGoodSettings<RestConfiguration.Config, RestSettings> settings(BindAddressCheck check) {
        return new RestConfiguration(check).lastGood(RestConfigurationTest.class);
    }

    private static void configure(LastGoodSettings<RestConfiguration.Config, RestSettings> settings,
            Map<String, ?> values) {
        ConfigProxy.deliver(settings::apply, RestConfiguration.Config.class, values);
    }
}
