package org.iofog.connector.shell.internal;

import org.apache.karaf.shell.support.CommandException;

/**
 * Checks a number Karaf's parser has read from an option against the range the command accepts, so that a wrong
 * value is refused in the console's words (the option's name and its range) rather than in a service's field
 * names: {@code --max-connections must be between 1 and 2147483647: 0}.
 */
final class OptionRange {

    private OptionRange() {
    }

    /** The value itself when it lies within {@code min..max} or was not given (null). */
    static <N extends Number> N check(String option, N value, long min, long max) throws CommandException {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw ConnectorAction.mistake(option + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }
}
