package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.util.Dictionary;

import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.support.Dictionaries;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Stores a choice of relay transport: sets only {@code transport} in PID {@code org.iofog.connector.transport}, so
 * the thread counts, drain deadline and splice an operator set in the {@code .cfg} file stay as they are.
 */
final class TransportChoiceWriter {

    static final String PROPERTY = "transport";

    private TransportChoiceWriter() {
    }

    /**
     * @param admin null when Config Admin is not there
     * @return the value stored: {@code auto} or the transport's name as the settings spell it
     */
    static String write(ConfigurationAdmin admin, String name) throws IOException {
        String choice = TransportSettings.transportName(name).orElseThrow(() -> new IllegalArgumentException(
                "'" + name + "' is not a transport name: auto, or the name of a transport (letters, digits and _)"));
        if (admin == null) {
            throw new IOException("Config Admin is not available: is the connector running? (bundle:list)");
        }
        // "?" binds the configuration to whichever bundle takes the PID, as Karaf's config:edit does.
        Configuration configuration = admin.getConfiguration(TransportSettings.PID, "?");
        Dictionary<String, Object> properties = Dictionaries.copyOf(configuration.getProperties());
        properties.put(PROPERTY, choice);
        configuration.update(properties);
        return choice;
    }
}
