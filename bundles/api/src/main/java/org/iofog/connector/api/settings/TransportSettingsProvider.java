package org.iofog.connector.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Provides {@link TransportSettings}. */
@ProviderType
public interface TransportSettingsProvider extends SettingsProvider<TransportSettings> {
}
