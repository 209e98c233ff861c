package org.iofog.connector.support.settings;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.iofog.connector.api.ports.PortRange;

/** Validation of single settings, each failure naming the property and the bad value. */
public final class SettingChecks {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SettingChecks() {
    }

    /**
     * Reads a text or list value from the configuration annotation, naming the property should Declarative
     * Services fail to convert it. Booleans and numbers are read by {@link RawValues} instead: DS converts
     * those leniently ({@code dev = yes} would mean false).
     */
    public static <T> T read(String property, Supplier<T> accessor) throws InvalidSettingException {
        try {
            return accessor.get();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(property, "value cannot be read as the expected type ("
                    + e.getMessage() + ")");
        }
    }

    /** Takes a {@code long} so that a number beyond {@code int} is still told it is not a port. */
    public static int port(String property, long value) throws InvalidSettingException {
        if (value < PortRange.MIN_PORT || value > PortRange.MAX_PORT) {
            throw new InvalidSettingException(property, value + " is not a port (expected "
                    + PortRange.MIN_PORT + "-" + PortRange.MAX_PORT + ")");
        }
        return (int) value;
    }

    public static long atLeast(String property, long value, long minimum) throws InvalidSettingException {
        if (value < minimum) {
            throw new InvalidSettingException(property, value + " is too small (at least " + minimum + ")");
        }
        return value;
    }

    public static long atMost(String property, long value, long maximum) throws InvalidSettingException {
        if (value > maximum) {
            throw new InvalidSettingException(property, value + " is too large (at most " + maximum + ")");
        }
        return value;
    }

    /** A whole number kept in an {@code int}: at least {@code minimum}, and small enough to fit. */
    public static int intAtLeast(String property, long value, int minimum) throws InvalidSettingException {
        return (int) atMost(property, atLeast(property, value, minimum), Integer.MAX_VALUE);
    }

    /** A share between 0 and 1, both included. */
    public static double fraction(String property, double value) throws InvalidSettingException {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidSettingException(property, value + " is not a share between 0 and 1 (0 = off)");
        }
        return value;
    }

    /**
     * One of a fixed set of words, ignoring case and taking {@code -} for {@code _} (so {@code io-uring}
     * is {@code io_uring}).
     *
     * @return the allowed word as written in {@code allowed}
     */
    public static String oneOf(String property, String value, List<String> allowed) throws InvalidSettingException {
        String text = value == null ? "" : value.strip();
        for (String word : allowed) {
            if (word.equalsIgnoreCase(text.replace('-', '_'))) {
                return word;
            }
        }
        throw new InvalidSettingException(property, "\"" + text + "\" is not one of " + String.join(", ", allowed));
    }

    public static String notBlank(String property, String value) throws InvalidSettingException {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(property, "must not be empty");
        }
        return value.strip();
    }

    /**
     * Refuses text wrapped in double quotes. A plain {@code .cfg} line takes quotes as part of the value, and
     * an older legacy import left the typed form ({@code address = "127.0.0.1"}) behind; taken as it is, such a
     * value ends up quoted in a certificate or a URL. Refused rather than stripped: whether the quotes were
     * meant cannot be told, and the fix is one edit the message spells out.
     */
    public static String unquoted(String property, String value) throws InvalidSettingException {
        String text = value == null ? "" : value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            throw new InvalidSettingException(property, text + " is in double quotes, which would become part of the"
                    + " value (an older import wrote them); write " + property + " = "
                    + text.substring(1, text.length() - 1));
        }
        return value;
    }

    /** An IPv4 or IPv6 literal or a host name. Host names are not resolved here: that could block. */
    public static String host(String property, String value) throws InvalidSettingException {
        String host = notBlank(property, value);
        boolean valid = host.contains(":") ? isIpv6Literal(host)
                : IPV4.matcher(host).matches() ? isIpv4Literal(host)
                : HOST_NAME.matcher(host).matches();
        if (!valid) {
            throw new InvalidSettingException(property, "\"" + host + "\" is not an IP address or a host name");
        }
        return host;
    }

    /**
     * Whether a value {@link #host} accepted is an IP literal rather than a host name, by the same rules
     * {@code host} used; {@code InetAddress} parses such a value without asking the name service.
     */
    public static boolean isAddressLiteral(String host) {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    public static Path path(String property, String value) throws InvalidSettingException {
        try {
            return Path.of(notBlank(property, value));
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(property, "\"" + value + "\" is not a valid path: " + e.getReason());
        }
    }

    /**
     * Port ranges given as an array, as comma-separated text, or both
     * ({@code ports = 6000-6050, 7000} in a {@code .cfg} file).
     */
    public static List<PortRange> portRanges(String property, String[] values) throws InvalidSettingException {
        List<PortRange> ranges = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String token : value.split(",")) {
                if (token.isBlank()) {
                    continue;
                }
                try {
                    ranges.add(PortRange.parse(token));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(property, e.getMessage());
                }
            }
        }
        return List.copyOf(ranges);
    }

    private static boolean isIpv4Literal(String host) {
        for (String part : host.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6Literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Only hex digits, colons and dots (an embedded IPv4 tail) can appear in an IPv6 literal;
        // InetAddress parses such text without any name lookup.
        if (!bare.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
