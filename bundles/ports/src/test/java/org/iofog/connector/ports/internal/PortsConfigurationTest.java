package org.iofog.connector.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.MetatypeCheck;
import org.junit.Test;

/** The allocator's own configuration, as the shell sees it through {@code PortSettingsProvider}. */
public class PortsConfigurationTest {

    private final PortAllocatorComponent component = new PortAllocatorComponent(address -> port -> true);

    private void configure(String[] ports, String[] exclude) {
        ConfigProxy.deliver(component::configure, PortsConfiguration.Config.class,
                Map.of("ports", ports, "exclude", exclude));
    }

    @Test
    public void defaultsAreTheOldPackagesRange() {
        ConfigProxy.deliver(component::configure, PortsConfiguration.Config.class, Map.of());
        assertEquals(new PortSettings(List.of(new PortRange(6000, 6050)), List.of()), component.current());
        assertEquals(Optional.empty(), component.problem());
    }

    @Test
    public void acceptsArraysCommaSeparatedTextAndSinglePorts() {
        configure(new String[] {"6000-6001, 7000-7002", " 30000 "}, new String[] {"7001"});
        assertEquals(List.of(new PortRange(6000, 6001), new PortRange(7000, 7002), PortRange.single(30000)),
                component.current().ports());
        assertEquals(List.of(PortRange.single(7001)), component.current().exclude());
    }

    @Test
    public void aBadRangeKeepsTheLastGoodSettingsAndSaysWhy() {
        configure(new String[] {"7000-7010"}, new String[0]);
        PortSettings good = component.current();

        configure(new String[] {"60x0-7000"}, new String[0]);

        assertEquals(good, component.current());
        assertEquals(Optional.of("ports: \"60x0-7000\" is not a port or a range of ports (expected \"a-b\" or \"a\""
                + " with whole numbers from 1 to 65535)"), component.problem());

        configure(new String[] {"7000-7011"}, new String[0]);
        assertEquals(Optional.empty(), component.problem());
        assertEquals(List.of(new PortRange(7000, 7011)), component.current().ports());
    }

    @Test
    public void eachKindOfBadValueIsNamed() {
        configure(new String[] {"7000-6000"}, new String[0]);
        assertEquals("ports: \"7000-6000\": range 7000-6000 starts after it ends (first port must be <= last port)",
                component.problem().orElseThrow());
        configure(new String[] {"6000-70000"}, new String[0]);
        assertEquals("ports: \"6000-70000\": last port 70000 is outside 1-65535", component.problem().orElseThrow());
        configure(new String[] {"0"}, new String[0]);
        assertEquals("ports: \"0\": first port 0 is outside 1-65535", component.problem().orElseThrow());
        configure(new String[] {"6000-6010"}, new String[] {"x"});
        assertTrue(component.problem().orElseThrow().startsWith("exclude: \"x\" is not a port"));
        configure(new String[] {" , "}, new String[0]);
        assertEquals("ports: no port range given (expected e.g. 6000-6050)", component.problem().orElseThrow());
    }

    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(PortsConfiguration.Config.class);
    }

    @Test
    public void aBadFirstConfigurationFallsBackToTheBuiltInDefaults() {
        configure(new String[] {"nonsense"}, new String[0]);
        assertEquals(List.of(new PortRange(6000, 6050)), component.current().ports());
        assertTrue(component.problem().isPresent());
    }
}
