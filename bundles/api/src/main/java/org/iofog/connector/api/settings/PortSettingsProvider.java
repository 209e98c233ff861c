package org.iofog.connector.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Provides {@link PortSettings}. */
@ProviderType
public interface PortSettingsProvider extends SettingsProvider<PortSettings> {
}
