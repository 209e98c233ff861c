package org.iofog.connector.api.settings;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The current, validated settings of one Config Admin PID.
 *
 * <p>A configuration that fails validation never replaces good settings: {@link #current()} keeps
 * answering the last good ones (the built-in defaults when the first configuration seen is bad) and
 * {@link #problem()} says what was wrong. Consumers that follow changes without restarting declare
 * an {@code updated} method on their reference: the provider's service properties change with every
 * configuration update.
 *
 * @param <S> the settings record
 */
@ProviderType
public interface SettingsProvider<S extends Record> {

    /** The settings in force. Never null. */
    S current();

    /** Why the latest configuration was rejected; empty when the latest configuration is in force. */
    Optional<String> problem();
}
