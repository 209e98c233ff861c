package org.iofog.connector.group.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.MetatypeCheck;
import org.iofog.connector.support.settings.RawValues;
import org.junit.Test;

/** PID org.iofog.connector.group as an operator writes it in etc/org.iofog.connector.group.cfg. */
public class GroupConfigurationTest {

    private static GroupSettings read(Map<String, ?> values) throws InvalidSettingException {
        return GroupConfiguration.settings(ConfigProxy.of(GroupConfiguration.Config.class, values),
                new RawValues(ConfigProxy.properties(values)));
    }

    @Test
    public void offByDefault() throws InvalidSettingException {
        GroupSettings settings = read(Map.of());
        assertFalse(settings.enabled());
        assertEquals("iofog-connector", settings.name());
        assertEquals(List.of(), settings.members());
        assertEquals(5701, settings.port());
    }

    @Test
    public void membersTakeTheGroupPortUnlessTheyNameOne() throws InvalidSettingException {
        GroupSettings settings = read(Map.of("enabled", "true", "port", "5801",
                "members", new String[] {"198.51.100.11, 198.51.100.12:5702", "node-3.example", "[2001:db8::1]:5703",
                    "2001:db8::2"}));
        assertTrue(settings.enabled());
        assertEquals(List.of("198.51.100.11:5801", "198.51.100.12:5702", "node-3.example:5801", "[2001:db8::1]:5703",
                "[2001:db8::2]:5801"), settings.members());
    }

    @Test
    public void eachBadValueIsNamed() {
        assertProblem(Map.of("enabled", "maybe"), "enabled");
        assertProblem(Map.of("members", new String[] {"198.51.100.11:http"}), "members: '198.51.100.11:http' has no port"
                + " number after ':'");
        assertProblem(Map.of("members", new String[] {"bad host!"}), "members: \"bad host!\" is not an IP address or a"
                + " host name");
        assertProblem(Map.of("port", "70000"), "port");
        assertProblem(Map.of("heartbeat.timeout.seconds", "1"), "heartbeat.timeout.seconds");
        assertProblem(Map.of("name", " "), "name");
    }

    @Test
    public void everyPropertyIsDescribed() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(GroupConfiguration.Config.class);
    }

    private static void assertProblem(Map<String, ?> values, String expectedStart) {
        try {
            read(values);
            fail("accepted " + values);
        } catch (InvalidSettingException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(expectedStart));
        }
    }
}
