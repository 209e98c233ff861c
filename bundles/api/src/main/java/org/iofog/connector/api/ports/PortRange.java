package org.iofog.connector.api.ports;

/**
 * An inclusive range of TCP ports, {@code from..to}, written {@code "a-b"} or {@code "a"} in settings.
 *
 * @param from first port of the range, 1-65535
 * @param to   last port of the range, {@code from}-65535
 */
public record PortRange(int from, int to) {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    public PortRange {
        checkPort(from, "first port");
        checkPort(to, "last port");
        if (from > to) {
            throw new IllegalArgumentException(
                    "range " + from + "-" + to + " starts after it ends (first port must be <= last port)");
        }
    }

    /** A range of one port. */
    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /**
     * Parses {@code "a-b"} or {@code "a"} (surrounding white space ignored).
     *
     * @throws IllegalArgumentException with a message that quotes the text and says what is wrong
     */
    public static PortRange parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty port range (expected \"a-b\" or \"a\")");
        }
        int dash = trimmed.indexOf('-', 1);
        try {
            if (dash < 0) {
                return single(parsePort(trimmed, trimmed));
            }
            int from = parsePort(trimmed.substring(0, dash).strip(), trimmed);
            int to = parsePort(trimmed.substring(dash + 1).strip(), trimmed);
            return new PortRange(from, to);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("\"")) {
                throw e;
            }
            throw new IllegalArgumentException("\"" + trimmed + "\": " + e.getMessage(), e);
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public int size() {
        return to - from + 1;
    }

    /** The settings form: {@code "a-b"}, or {@code "a"} for a single port. */
    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    private static int parsePort(String digits, String whole) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
            throw new IllegalArgumentException("\"" + whole + "\" is not a port or a range of ports"
                    + " (expected \"a-b\" or \"a\" with whole numbers from " + MIN_PORT + " to " + MAX_PORT + ")");
        }
        return Integer.parseInt(digits);
    }

    private static void checkPort(int port, String what) {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException(
                    what + " " + port + " is outside " + MIN_PORT + "-" + MAX_PORT);
        }
    }
}
