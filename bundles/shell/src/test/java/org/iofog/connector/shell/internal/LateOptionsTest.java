package org.iofog.connector.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;

public class LateOptionsTest {

    private static final Set<String> FLAGS = Set.of("--force");
    private static final Set<String> VALUED = Set.of("--max", "--wait");

    @Test
    public void readsFlagsAndValuesInBothSpellings() {
        LateOptions options = LateOptions.parse(List.of("--max", "10", "--force", "--wait=5"), FLAGS, VALUED);
        assertTrue(options.flag("--force", false));
        assertEquals(Integer.valueOf(10), options.integer("--max", null));
        assertEquals(Long.valueOf(5), options.longValue("--wait", null));
    }

    @Test
    public void keepsWhatKarafParsedWhenNothingFollows() {
        LateOptions options = LateOptions.parse(null, FLAGS, VALUED);
        assertFalse(options.flag("--force", false));
        assertTrue(options.flag("--force", true));
        assertEquals(Integer.valueOf(3), options.integer("--max", 3));
        assertNull(options.longValue("--wait", null));
    }

    @Test
    public void namesWhatIsWrong() {
        assertEquals("--max needs a value",
                assertThrows(IllegalArgumentException.class, () -> LateOptions.parse(List.of("--max"), FLAGS, VALUED))
                        .getMessage());
        assertEquals("unexpected '--maxx': not an option of this command (--help lists them)",
                assertThrows(IllegalArgumentException.class,
                        () -> LateOptions.parse(List.of("--maxx", "1"), FLAGS, VALUED)).getMessage());
        assertEquals("unexpected 'extra': one argument only",
                assertThrows(IllegalArgumentException.class,
                        () -> LateOptions.parse(List.of("extra"), FLAGS, VALUED)).getMessage());
        LateOptions options = LateOptions.parse(List.of("--max", "ten"), FLAGS, VALUED);
        assertEquals("--max: 'ten' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> options.integer("--max", null)).getMessage());
    }
}
