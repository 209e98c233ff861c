package org.iofog.connector.support.settings;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule every configuration of the connector follows: validate what Config Admin delivers, put it in
 * force only when all of it is valid, and otherwise log one ERROR line naming the problem and keep the last
 * good settings (the built-in defaults when the first configuration seen is already bad).
 *
 * <p>The component that uses a PID holds one of these and calls {@link #apply} from its {@code @Activate} and
 * {@code @Modified} methods with both forms Declarative Services offers: the typed configuration and the raw
 * properties it was converted from (booleans and numbers are read strictly from the latter, see
 * {@link RawValues}).
 *
 * @param <C> the configuration annotation ({@code @ObjectClassDefinition})
 * @param <S> the settings record it is turned into
 */
public final class LastGoodSettings<C, S extends Record> {

    /** Turns one configuration into settings, or says which property is wrong. */
    @FunctionalInterface
    public interface Reader<C, S> {
        S read(C config, RawValues raw) throws InvalidSettingException;
    }

    private final Logger log;
    private final String pid;
    private final Class<C> configType;
    private final Reader<C, S> reader;

    private volatile S current;
    private volatile String problem;

    /**
     * @param owner      the component that uses the PID: its logger names the log lines, as the operator
     *                   sees it in karaf.log
     * @param pid        the Config Admin PID, as it appears in the log lines
     * @param configType the configuration annotation, whose declared defaults are the built-in settings
     */
    public LastGoodSettings(Class<?> owner, String pid, Class<C> configType, Reader<C, S> reader) {
        this.log = LoggerFactory.getLogger(owner);
        this.pid = Objects.requireNonNull(pid, "pid");
        this.configType = Objects.requireNonNull(configType, "configType");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Validates one configuration and puts it in force when it is valid.
     *
     * @return whether the settings in force changed (a rejected configuration changes nothing, except the very
     *         first, which puts the built-in defaults in force)
     */
    public synchronized boolean apply(C config, Map<String, ?> properties) {
        S before = current;
        try {
            S parsed = reader.read(config, new RawValues(properties));
            if (!parsed.equals(current)) {
                log.info("Configuration {} in force: {}", pid, parsed);
            }
            current = parsed;
            problem = null;
        } catch (InvalidSettingException e) {
            problem = e.getMessage();
            if (current == null) {
                current = builtInDefaults();
                log.error("Configuration {} rejected: {}. Using the built-in defaults until it is fixed: {}",
                        pid, problem, current);
            } else {
                log.error("Configuration {} rejected: {}. Keeping the previous settings: {}", pid, problem, current);
            }
        }
        return !current.equals(before);
    }

    /** The settings in force; null before the first {@link #apply}. */
    public S current() {
        return current;
    }

    /** Why the latest configuration was rejected; empty when the latest configuration is in force. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Whether no configuration has been applied yet: the first one is treated more leniently by some checks. */
    public boolean first() {
        return current == null;
    }

    private S builtInDefaults() {
        try {
            return reader.read(AnnotationDefaults.of(configType), RawValues.NONE);
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("built-in defaults of " + pid + " are invalid: " + e.getMessage(), e);
        }
    }
}
