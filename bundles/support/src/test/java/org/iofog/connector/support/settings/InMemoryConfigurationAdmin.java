package org.iofog.connector.support.settings;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Just enough Config Admin for what writes configurations: configurations by PID, updates that can be made to fail. */
public final class InMemoryConfigurationAdmin {

    public final Map<String, Dictionary<String, Object>> stored = new HashMap<>();
    public final Set<String> failingUpdates = new HashSet<>();
    public int updates;

    public ConfigurationAdmin service() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (self, method, args) -> {
                    if (method.getName().equals("getConfiguration")) {
                        return configuration((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    public void put(String pid, Map<String, Object> properties) {
        stored.put(pid, new Hashtable<>(properties));
    }

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getProperties" -> stored.containsKey(pid) ? new Hashtable<>((Hashtable<?, ?>) stored.get(pid))
                            : null;
                    case "update" -> {
                        if (failingUpdates.contains(pid)) {
                            throw new IOException("disk full");
                        }
                        updates++;
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                        stored.put(pid, properties);
                        yield null;
                    }
                    case "delete" -> {
                        stored.remove(pid);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
