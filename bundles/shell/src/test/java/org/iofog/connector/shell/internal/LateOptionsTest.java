package org.iofog.connector.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.Test;

public class LateOptionsTest {

    private static final Set<String> FLAGS = Set.of("--force");
    private static final Set<String> VALUED = Set.of("--max", "--wait");

    @Test
    public void readsFlagsAndValuesInBothSpellings() throws CommandException {
        LateOptions options = LateOptions.parse(List.of("--max", "10", "--force", "--wait=5"), FLAGS, VALUED);
        assertTrue(options.flag("--force", false));
        assertEquals(Integer.valueOf(10), options.integer("--max", null, 1, 10));
        assertEquals(Long.valueOf(5), options.longValue("--wait", null, 0, Long.MAX_VALUE));
    }

    @Test
    public void keepsWhatKarafParsedWhenNothingFollows() throws CommandException {
        LateOptions options = LateOptions.parse(null, FLAGS, VALUED);
        assertFalse(options.flag("--force", false));
        assertTrue(options.flag("--force", true));
        assertEquals(Integer.valueOf(3), options.integer("--max", 3, 1, 10));
        assertNull(options.longValue("--wait", null, 0, 10));
    }

    @Test
    public void namesWhatIsWrong() throws CommandException {
        assertEquals("--max needs a value",
                assertThrows(CommandException.class, () -> LateOptions.parse(List.of("--max"), FLAGS, VALUED))
                        .getMessage());
        assertEquals("unexpected '--maxx': not an option of this command (--help lists them)",
                assertThrows(CommandException.class,
                        () -> LateOptions.parse(List.of("--maxx", "1"), FLAGS, VALUED)).getMessage());
        assertEquals("unexpected 'extra': one argument only",
                assertThrows(CommandException.class,
                        () -> LateOptions.parse(List.of("extra"), FLAGS, VALUED)).getMessage());
        LateOptions options = LateOptions.parse(List.of("--max", "ten"), FLAGS, VALUED);
        assertEquals("--max: 'ten' is not a whole number",
                assertThrows(CommandException.class, () -> options.integer("--max", null, 1, 10)).getMessage());
    }

    @Test
    public void anOutOfRangeNumberSaysTheRange() throws CommandException {
        LateOptions none = LateOptions.parse(null, FLAGS, VALUED);
        assertEquals("a value Karaf parsed before the arguments is checked too", "--max must be between 1 and 10: 0",
                assertThrows(CommandException.class, () -> none.integer("--max", 0, 1, 10)).getMessage());
        assertEquals("--max must be between 1 and 10: 11", assertThrows(CommandException.class,
                () -> LateOptions.parse(List.of("--max=11"), FLAGS, VALUED).integer("--max", null, 1, 10)).getMessage());
        assertEquals(Integer.valueOf(10), LateOptions.parse(List.of("--max", "+10"), FLAGS, VALUED)
                .integer("--max", null, 1, 10));
        assertEquals("beyond an int", "--max must be between 1 and 2147483647: 2147483648",
                assertThrows(CommandException.class, () -> LateOptions.parse(List.of("--max", "2147483648"), FLAGS,
                        VALUED).integer("--max", null, 1, Integer.MAX_VALUE)).getMessage());
        assertEquals("beyond a long is out of range, not 'not a whole number'",
                "--wait must be between 0 and 9223372036854775807: 99999999999999999999",
                assertThrows(CommandException.class, () -> LateOptions.parse(List.of("--wait", "99999999999999999999"),
                        FLAGS, VALUED).longValue("--wait", null, 0, Long.MAX_VALUE)).getMessage());
        assertEquals("--wait: '1.5' is not a whole number", assertThrows(CommandException.class,
                () -> LateOptions.parse(List.of("--wait", "1.5"), FLAGS, VALUED).longValue("--wait", null, 0, 9))
                .getMessage());
    }
}
