package org.iofog.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;

public class DictionariesTest {

    @Test
    public void aCopyChangesWithoutTheOriginal() {
        Dictionary<String, Object> original = new Hashtable<>();
        original.put("transport", "epoll");
        original.put("io.threads", 2);
        Dictionary<String, Object> copy = Dictionaries.copyOf(original);
        copy.put("transport", "nio");
        copy.remove("io.threads");
        assertEquals("epoll", original.get("transport"));
        assertEquals(2, original.get("io.threads"));
        assertEquals("nio", copy.get("transport"));
        assertNull(copy.get("io.threads"));
    }

    @Test
    public void noPropertiesYetGiveAnEmptyCopy() {
        Dictionary<String, Object> copy = Dictionaries.copyOf(null);
        assertTrue(copy.isEmpty());
        copy.put("transport", "auto");
        assertEquals(1, copy.size());
    }
}
