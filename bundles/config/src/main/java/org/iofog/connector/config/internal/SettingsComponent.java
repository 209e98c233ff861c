package org.iofog.connector.config.internal;

import java.util.Map;
import java.util.Optional;

import org.iofog.connector.api.settings.SettingsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common life of a settings component: validate each configuration Config Admin delivers, put it
 * in force only when it is entirely valid, and otherwise keep the last good settings and say why.
 *
 * @param <C> the configuration annotation ({@code @ObjectClassDefinition})
 * @param <S> the settings record it is turned into
 */
abstract class SettingsComponent<C, S extends Record> implements SettingsProvider<S> {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String pid;
    private final Class<C> configType;

    private volatile S current;
    private volatile String problem;

    SettingsComponent(String pid, Class<C> configType) {
        this.pid = pid;
        this.configType = configType;
    }

    /**
     * Turns a configuration into settings, or says which property is wrong. Booleans and numbers come from
     * {@code raw}, text and lists from {@code config}.
     */
    abstract S parse(C config, RawValues raw) throws InvalidSettingException;

    /**
     * Called by the subclasses' {@code @Activate} and {@code @Modified} methods with both forms Declarative
     * Services offers: the typed configuration and the raw properties it was converted from.
     */
    final synchronized void apply(C config, Map<String, ?> properties) {
        try {
            S parsed = parse(config, new RawValues(properties));
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
    }

    @Override
    public final S current() {
        return current;
    }

    @Override
    public final Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private S builtInDefaults() {
        try {
            return parse(AnnotationDefaults.of(configType), RawValues.NONE);
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("built-in defaults of " + pid + " are invalid: " + e.getMessage(), e);
        }
    }
}
