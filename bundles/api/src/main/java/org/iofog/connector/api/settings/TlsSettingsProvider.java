package org.iofog.connector.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Provides {@link TlsSettings}. */
@ProviderType
public interface TlsSettingsProvider extends SettingsProvider<TlsSettings> {
}
