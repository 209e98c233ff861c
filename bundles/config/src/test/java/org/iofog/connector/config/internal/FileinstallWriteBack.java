package org.iofog.connector.config.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Set;

import org.apache.felix.utils.properties.TypedProperties;

/**
 * What Karaf's fileinstall does to a configuration's {@code .cfg} file when Config Admin reports an update:
 * load the file with felix-utils' {@code TypedProperties}, drop the keys the configuration no longer has,
 * put every other property, save. {@code TypedProperties} decides between the plain and the typed form.
 */
final class FileinstallWriteBack {

    /** Properties Config Admin and fileinstall add themselves, never written to the file. */
    private static final Set<String> NOT_WRITTEN = Set.of("service.pid", "service.factoryPid",
            "felix.fileinstall.filename");

    private FileinstallWriteBack() {
    }

    static String write(String cfgFile, Dictionary<String, Object> properties) {
        try {
            TypedProperties file = new TypedProperties(false);
            file.load(new StringReader(cfgFile));
            file.keySet().removeIf(key -> properties.get(key) == null && !NOT_WRITTEN.contains(key));
            for (String key : Collections.list(properties.keys())) {
                if (!NOT_WRITTEN.contains(key)) {
                    file.put(key, properties.get(key));
                }
            }
            StringWriter out = new StringWriter();
            file.save(out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
