package org.iofog.connector.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Provides {@link ConnectorSettings}. */
@ProviderType
public interface ConnectorSettingsProvider extends SettingsProvider<ConnectorSettings> {
}
