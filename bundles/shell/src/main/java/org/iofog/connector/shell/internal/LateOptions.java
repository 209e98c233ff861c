package org.iofog.connector.shell.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.karaf.shell.support.CommandException;

/**
 * Options typed after a command's arguments ({@code connector:mapping-add public --max-connections 10}). Karaf
 * parses options only before the first argument and hands everything after it over as arguments; the commands
 * take those tokens as a trailing argument and read them here, so both orders work.
 */
final class LateOptions {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d+");

    private final Map<String, String> values = new HashMap<>();

    private LateOptions() {
    }

    /**
     * @param tokens the trailing tokens (null when there are none)
     * @param flags  options without a value, e.g. {@code --force}
     * @param valued options with a value, as {@code --name value} or {@code --name=value}
     * @throws CommandException naming the first token that is not one of these options or lacks its value
     */
    static LateOptions parse(List<String> tokens, Set<String> flags, Set<String> valued) throws CommandException {
        LateOptions options = new LateOptions();
        if (tokens == null) {
            return options;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            int equals = token.indexOf('=');
            String name = equals > 0 ? token.substring(0, equals) : token;
            if (flags.contains(name) && equals < 0) {
                options.values.put(name, "");
            } else if (valued.contains(name)) {
                if (equals > 0) {
                    options.values.put(name, token.substring(equals + 1));
                } else if (i + 1 < tokens.size()) {
                    options.values.put(name, tokens.get(++i));
                } else {
                    throw ConnectorAction.mistake(name + " needs a value");
                }
            } else {
                throw ConnectorAction.mistake("unexpected '" + token + "'" + (token.startsWith("-")
                        ? ": not an option of this command (--help lists them)" : ": one argument only"));
            }
        }
        return options;
    }

    boolean flag(String name, boolean earlier) {
        return earlier || values.containsKey(name);
    }

    /**
     * The option's value when given here, else the one Karaf parsed before the arguments (may be null); either way
     * it must lie within {@code min..max}, and the message names the option and that range.
     */
    Integer integer(String name, Integer earlier, int min, int max) throws CommandException {
        Long value = longValue(name, earlier == null ? null : earlier.longValue(), min, max);
        return value == null ? null : Math.toIntExact(value);
    }

    /** As {@link #integer}, for a long value. */
    Long longValue(String name, Long earlier, long min, long max) throws CommandException {
        String text = values.get(name);
        long value;
        if (text == null) {
            if (earlier == null) {
                return null;
            }
            value = earlier;
        } else {
            String digits = text.strip();
            if (!WHOLE_NUMBER.matcher(digits).matches()) {
                throw ConnectorAction.mistake(name + ": '" + text + "' is not a whole number");
            }
            try {
                value = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                // Digits only, so it is beyond a long: out of range, not "not a number".
                throw outOfRange(name, min, max, digits);
            }
        }
        if (value < min || value > max) {
            throw outOfRange(name, min, max, Long.toString(value));
        }
        return value;
    }

    /** {@code --max-connections must be between 1 and 2147483647: 0}. */
    static CommandException outOfRange(String name, long min, long max, String value) {
        return ConnectorAction.mistake(name + " must be between " + min + " and " + max + ": " + value);
    }
}
