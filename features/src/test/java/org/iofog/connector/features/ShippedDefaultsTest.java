package org.iofog.connector.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A default is written once, in the {@code @ObjectClassDefinition} of the component that uses the PID. The
 * feature's {@code <config>} blocks (the {@code etc/*.cfg} files an operator edits) carry comments and values
 * for every property; this checks that every value is that default and that no property is missing or
 * unknown, reading the metatype the bundles carry.
 */
public class ShippedDefaultsTest {

    private static final Path FEATURE = Path.of("src/main/feature/feature.xml");

    @Test
    public void everyShippedValueIsTheDefaultOfItsProperty() throws Exception {
        Map<String, Map<String, String>> shipped = shippedConfigs();
        assertFalse("the feature ships configurations", shipped.isEmpty());
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> config : shipped.entrySet()) {
            String pid = config.getKey();
            Map<String, String> defaults = metatypeDefaults(pid);
            Map<String, String> values = config.getValue();
            for (String key : union(values.keySet(), defaults.keySet())) {
                if (!values.containsKey(key)) {
                    differences.add(pid + ": " + key + " is not in the shipped file");
                } else if (!defaults.containsKey(key)) {
                    differences.add(pid + ": " + key + " is not a property of the PID");
                } else if (!same(values.get(key), defaults.get(key))) {
                    differences.add(pid + ": " + key + " ships \"" + values.get(key) + "\" but defaults to \""
                            + defaults.get(key) + "\"");
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    public void theComparisonSeesADifference() {
        assertFalse(same("6000-6050", "6000-6051"));
        assertFalse(same("", "0"));
        assertEquals(true, same("0", "0.0"));
        assertEquals(true, same(" a, b ", "a,b"));
    }

    /** The {@code <config>} blocks of feature.xml: PID to its {@code key = value} lines, comments left out. */
    private static Map<String, Map<String, String>> shippedConfigs() throws Exception {
        Document feature = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(FEATURE.toFile());
        NodeList configs = feature.getElementsByTagName("config");
        Map<String, Map<String, String>> shipped = new TreeMap<>();
        for (int i = 0; i < configs.getLength(); i++) {
            Element config = (Element) configs.item(i);
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : config.getTextContent().split("\n")) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int equals = text.indexOf('=');
                values.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
            }
            shipped.put(config.getAttribute("name"), values);
        }
        return shipped;
    }

    /** The attribute defaults bnd wrote from the annotations into the bundle that designates this PID. */
    private static Map<String, String> metatypeDefaults(String pid) throws Exception {
        List<URL> found = Collections.list(ShippedDefaultsTest.class.getClassLoader()
                .getResources("OSGI-INF/metatype/" + pid + ".xml"));
        assertEquals("bundles with metatype for " + pid + ": " + found, 1, found.size());
        Document metatype;
        try (InputStream in = found.get(0).openStream()) {
            metatype = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(found.get(0).toString(), e);
        }
        NodeList attributes = metatype.getElementsByTagName("AD");
        Map<String, String> defaults = new LinkedHashMap<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            defaults.put(attribute.getAttribute("id"), attribute.getAttribute("default"));
        }
        return defaults;
    }

    /** Lists compare item by item, numbers by value (the metatype writes 0.0 where the file says 0). */
    private static boolean same(String shipped, String byDefault) {
        List<String> a = List.of(shipped.split(",", -1)).stream().map(String::strip).toList();
        List<String> b = List.of(byDefault.split(",", -1)).stream().map(String::strip).toList();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i)) && !sameNumber(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> keys = new ArrayList<>(a);
        b.stream().filter(key -> !a.contains(key)).forEach(keys::add);
        return keys;
    }
}
