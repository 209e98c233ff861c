package org.iofog.connector.itests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.ConfigurationAdmin;

/** Reads and changes Config Admin configurations the way an operator's edit of etc/*.cfg does. */
final class Configs {

    private final ConfigurationAdmin configurationAdmin;

    Configs(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** A copy of the configuration's properties; empty when it has none. */
    Dictionary<String, Object> properties(String pid) throws IOException {
        Dictionary<String, Object> properties = configurationAdmin.getConfiguration(pid, "?").getProperties();
        Hashtable<String, Object> copy = new Hashtable<>();
        if (properties != null) {
            for (var keys = properties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                copy.put(key, properties.get(key));
            }
        }
        return copy;
    }

    void update(String pid, Map<String, Object> changes) throws IOException {
        Dictionary<String, Object> properties = properties(pid);
        changes.forEach(properties::put);
        restore(pid, properties);
    }

    void restore(String pid, Dictionary<String, Object> saved) throws IOException {
        configurationAdmin.getConfiguration(pid, "?").update(saved);
    }

    /** Removes the configuration, as deleting its etc/<pid>.cfg does: the component's defaults apply again. */
    void delete(String pid) throws IOException {
        configurationAdmin.getConfiguration(pid, "?").delete();
    }
}
