package org.iofog.connector.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Provides {@link RestSettings}. */
@ProviderType
public interface RestSettingsProvider extends SettingsProvider<RestSettings> {
}
