package org.iofog.connector.support;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;

/** Config Admin hands out and takes {@link Dictionary}s; changing one means changing a copy. */
public final class Dictionaries {

    private Dictionaries() {
    }

    /** A modifiable copy of {@code properties}; empty for null (a configuration that has none yet). */
    public static Dictionary<String, Object> copyOf(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                copy.put(key, properties.get(key));
            }
        }
        return copy;
    }
}
