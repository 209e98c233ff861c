package org.iofog.connector.support.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.function.ThrowingRunnable;

/** What the strict reading accepts, and the one-line reason for what it does not. */
public class RawValuesTest {

    private static RawValues with(Object value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("key", value);
        return new RawValues(properties);
    }

    private static String rejection(ThrowingRunnable reading) {
        return assertThrows(InvalidSettingException.class, reading).getMessage();
    }

    @Test
    public void booleansAreTrueOrFalseInAnyCaseOrABoolean() throws Exception {
        assertTrue(with(" tRuE ").bool("key", () -> false));
        assertFalse(with("FALSE").bool("key", () -> true));
        assertTrue(with(Boolean.TRUE).bool("key", () -> false));
        assertTrue("absent: the annotation's value", RawValues.NONE.bool("key", () -> true));
        assertEquals("key: \"\" is not true or false", rejection(() -> with(" ").bool("key", () -> true)));
        assertEquals("key: \"on\" is not true or false", rejection(() -> with("on").bool("key", () -> true)));
        assertEquals("key: 1 is not true or false", rejection(() -> with(1).bool("key", () -> true)));
        assertEquals("key: a list is not true or false",
                rejection(() -> with(new String[] {"true"}).bool("key", () -> true)));
    }

    @Test
    public void wholeNumbersAreDigitsOrANumberWithoutAFraction() throws Exception {
        assertEquals(7, with(" +7 ").wholeNumber("key", () -> 0));
        assertEquals(-3, with("-3").wholeNumber("key", () -> 0));
        assertEquals(12345, with(12345).wholeNumber("key", () -> 0));
        assertEquals(60_000, with(60_000L).wholeNumber("key", () -> 0));
        assertEquals(5, with(5.0).wholeNumber("key", () -> 0));
        assertEquals(9, with(BigInteger.valueOf(9)).wholeNumber("key", () -> 0));
        assertEquals("absent: the annotation's value", 42, RawValues.NONE.wholeNumber("key", () -> 42));
        for (Object bad : List.of("abc", "", "1.0", "1e3", "0x10", "12 345")) {
            assertEquals("key: \"" + bad.toString().strip() + "\" is not a whole number",
                    rejection(() -> with(bad).wholeNumber("key", () -> 0)));
        }
        assertEquals("key: 1.5 is not a whole number", rejection(() -> with(1.5).wholeNumber("key", () -> 0)));
        assertEquals("key: NaN is not a whole number",
                rejection(() -> with(Double.NaN).wholeNumber("key", () -> 0)));
        assertEquals("key: 99999999999999999999 is too large (at most 9223372036854775807)",
                rejection(() -> with("99999999999999999999").wholeNumber("key", () -> 0)));
    }

    @Test
    public void decimalsArePlainNumbers() throws Exception {
        assertEquals(0.5, with("0.5").decimal("key", () -> 0), 0);
        assertEquals(0.5, with(" .5 ").decimal("key", () -> 0), 0);
        assertEquals(1, with("1").decimal("key", () -> 0), 0);
        assertEquals(0.25, with(0.25f).decimal("key", () -> 0), 0);
        for (String bad : List.of("half", "NaN", "1e-3", "0,5")) {
            assertEquals("key: \"" + bad + "\" is not a number", rejection(() -> with(bad).decimal("key", () -> 0)));
        }
    }
}
