package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.iofog.connector.support.settings.ConfigProxy;
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

    private static void configure(ConnectorSettingsComponent component, Map<String, ?> values) {
        ConfigProxy.deliver(component::configure, ConnectorSettingsComponent.Config.class, values);
    }
}
