package org.iofog.connector.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.iofog.connector.support.settings.RawValues;
import org.iofog.connector.support.settings.SettingChecks;

/**
 * Properties to hand to Config Admin that Karaf writes back to a {@code .cfg} file as plain
 * {@code key = value} lines.
 *
 * <p>Karaf's fileinstall keeps the {@code .cfg} file of a configuration in step with Config Admin. It
 * writes the file untyped, keeping its comments and layout, as long as every value is a {@link String};
 * the first value of any other type switches the whole file to the typed form ({@code address = "127.0.0.1"},
 * {@code broker = I"12345"}, {@code dev = B"true"}). That form breaks hand edits: one plain line makes the
 * file untyped again and every quote becomes part of its value. Hence text only: the settings components
 * read booleans and numbers strictly from text anyway (see {@link RawValues}).
 */
final class PlainTextProperties {

    private PlainTextProperties() {
    }

    /**
     * A copy of {@code properties} with every value as text: scalars by {@code String.valueOf}, lists and
     * arrays comma-separated (the form this bundle's list settings read, see
     * {@link SettingChecks#portRanges}). Values a typed file or an earlier import left as numbers or booleans
     * are turned back into text too, so that the file becomes plain again.
     */
    static Dictionary<String, Object> copyOf(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (var keys = properties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                copy.put(key, text(properties.get(key)));
            }
        }
        return copy;
    }

    static String text(Object value) {
        if (value instanceof Collection<?> collection) {
            return joined(new ArrayList<>(collection));
        }
        if (value.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(Array.get(value, i));
            }
            return joined(elements);
        }
        return String.valueOf(value);
    }

    private static String joined(List<Object> elements) {
        return String.join(", ", elements.stream().map(String::valueOf).toList());
    }
}
