package org.iofog.connector.shell.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options typed after a command's arguments ({@code connector:mapping-add public --max-connections 10}). Karaf
 * parses options only before the first argument and hands everything after it over as arguments; the commands
 * take those tokens as a trailing argument and read them here, so both orders work.
 */
final class LateOptions {

    private final Map<String, String> values = new HashMap<>();

    private LateOptions() {
    }

    /**
     * @param tokens the trailing tokens (null when there are none)
     * @param flags  options without a value, e.g. {@code --force}
     * @param valued options with a value, as {@code --name value} or {@code --name=value}
     * @throws IllegalArgumentException naming the first token that is not one of these options or lacks its value
     */
    static LateOptions parse(List<String> tokens, Set<String> flags, Set<String> valued) {
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
                    throw new IllegalArgumentException(name + " needs a value");
                }
            } else {
                throw new IllegalArgumentException("unexpected '" + token + "'" + (token.startsWith("-")
                        ? ": not an option of this command (--help lists them)" : ": one argument only"));
            }
        }
        return options;
    }

    boolean flag(String name, boolean earlier) {
        return earlier || values.containsKey(name);
    }

    /** The option's value when given here, else the one Karaf parsed before the arguments (may be null). */
    Integer integer(String name, Integer earlier) {
        String value = values.get(name);
        if (value == null) {
            return earlier;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
        }
    }

    /** As {@link #integer}, for a long value. */
    Long longValue(String name, Long earlier) {
        String value = values.get(name);
        if (value == null) {
            return earlier;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
        }
    }
}
