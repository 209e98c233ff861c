package org.iofog.connector.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Provides {@link RelaySettings}. */
@ProviderType
public interface RelaySettingsProvider extends SettingsProvider<RelaySettings> {
}
