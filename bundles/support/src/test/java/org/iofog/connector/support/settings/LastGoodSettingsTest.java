package org.iofog.connector.support.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.Test;

public class LastGoodSettingsTest {

    /** A configuration annotation as a component declares it. */
    @interface Config {
        long limit() default 10;

        String name() default "relay";
    }

    record Settings(long limit, String name) {
    }

    private final LastGoodSettings<Config, Settings> settings = new LastGoodSettings<>(LastGoodSettingsTest.class,
            "org.example", Config.class, (config, raw) -> new Settings(
                    SettingChecks.atLeast("limit", raw.wholeNumber("limit", config::limit), 1),
                    SettingChecks.notBlank("name", config.name())));

    private boolean apply(Map<String, ?> values) {
        return ConfigProxy.deliverAndAnswer(settings::apply, Config.class, values);
    }

    @Test
    public void aValidConfigurationIsPutInForceAndSaysWhetherItChangedAnything() {
        assertNull(settings.current());
        assertTrue(settings.first());
        assertTrue(apply(Map.of("limit", "5")));
        assertEquals(new Settings(5, "relay"), settings.current());
        assertEquals(Optional.empty(), settings.problem());
        assertFalse(settings.first());
        assertFalse("the same settings again change nothing", apply(Map.of("limit", "5")));
    }

    @Test
    public void aBadConfigurationKeepsTheLastGoodSettingsAndSaysWhy() {
        apply(Map.of("limit", "5", "name", "a"));
        assertFalse(apply(Map.of("limit", "0", "name", "b")));
        assertEquals("nothing of a rejected configuration is taken", new Settings(5, "a"), settings.current());
        assertEquals(Optional.of("limit: 0 is too small (at least 1)"), settings.problem());

        assertTrue(apply(Map.of("limit", "6")));
        assertEquals(Optional.empty(), settings.problem());
    }

    @Test
    public void aBadFirstConfigurationPutsTheBuiltInDefaultsInForce() {
        assertTrue(apply(Map.of("limit", "many")));
        assertEquals(new Settings(10, "relay"), settings.current());
        assertEquals(Optional.of("limit: \"many\" is not a whole number"), settings.problem());
    }
}
