package org.iofog.connector.support.settings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Strict reading of a configuration's boolean and numeric properties from the values Config Admin holds.
 *
 * <p>The configuration annotation cannot be trusted for these: Declarative Services converts with
 * {@code Boolean.valueOf}, so {@code dev = yes}, {@code dev = 1} or a typo silently mean {@code false}, and a
 * bad number only surfaces as a {@code NumberFormatException}. Values from a {@code .cfg} file arrive as
 * text; Karaf typed values ({@code B"true"}, {@code I"12345"}) and the component's declared defaults
 * arrive as {@link Boolean} and {@link Number} objects.
 *
 * <p>Keys are the Config Admin property names, with dots ({@code auth.timeout.ms}). A key that is absent
 * takes the value of the annotation method, that is its declared default.
 */
public final class RawValues {

    /** No raw values: every property takes its annotation's value (used for the built-in defaults). */
    public static final RawValues NONE = new RawValues(Map.of());

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Map<String, ?> properties;

    /** @param properties the properties Declarative Services passes to the activate or modified method */
    public RawValues(Map<String, ?> properties) {
        this.properties = properties == null ? Map.of() : properties;
    }

    /** Exactly {@code true} or {@code false}, ignoring case and surrounding blanks, or a {@link Boolean}. */
    public boolean bool(String key, BooleanSupplier absent) throws InvalidSettingException {
        Object value = properties.get(key);
        if (value == null) {
            return absent.getAsBoolean();
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text) {
            String word = text.strip();
            if (word.equalsIgnoreCase("true")) {
                return true;
            }
            if (word.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new InvalidSettingException(key, shown(value) + " is not true or false");
    }

    /**
     * A whole number written as digits (an optional sign, surrounding blanks ignored), or a {@link Number}
     * without a fraction. Ranges narrower than {@code long} are the caller's to check, so that its message
     * can state them.
     */
    public long wholeNumber(String key, LongSupplier absent) throws InvalidSettingException {
        Object value = properties.get(key);
        if (value == null) {
            return absent.getAsLong();
        }
        BigInteger number = integral(value);
        if (number == null) {
            throw new InvalidSettingException(key, shown(value) + " is not a whole number");
        }
        if (number.compareTo(LONG_MAX) > 0) {
            throw new InvalidSettingException(key, number + " is too large (at most " + Long.MAX_VALUE + ")");
        }
        if (number.compareTo(LONG_MIN) < 0) {
            throw new InvalidSettingException(key, number + " is too small (at least " + Long.MIN_VALUE + ")");
        }
        return number.longValue();
    }

    /** A plain decimal number ({@code 0.5}, {@code .5}, {@code 1}; no exponent, no NaN), or a {@link Number}. */
    public double decimal(String key, DoubleSupplier absent) throws InvalidSettingException {
        Object value = properties.get(key);
        if (value == null) {
            return absent.getAsDouble();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text && DECIMAL.matcher(text.strip()).matches()) {
            return Double.parseDouble(text.strip());
        }
        throw new InvalidSettingException(key, shown(value) + " is not a number");
    }

    /** The whole number a value stands for, or null when it is not one. */
    private static BigInteger integral(Object value) {
        if (value instanceof String text) {
            String digits = text.strip();
            return WHOLE.matcher(digits).matches() ? new BigInteger(digits) : null;
        }
        if (value instanceof Number number) {
            try {
                // toString covers every Number type alike, and turns NaN and infinity into a parse failure.
                return new BigDecimal(number.toString()).toBigIntegerExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** Text in quotes (as trimmed), so that an empty value or a stray word stands out; lists by kind only. */
    private static String shown(Object value) {
        if (value instanceof String text) {
            return "\"" + text.strip() + "\"";
        }
        if (value.getClass().isArray() || value instanceof Collection<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
