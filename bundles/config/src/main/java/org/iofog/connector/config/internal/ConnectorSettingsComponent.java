package org.iofog.connector.config.internal;

import static org.iofog.connector.support.settings.SettingChecks.notBlank;
import static org.iofog.connector.support.settings.SettingChecks.path;
import static org.iofog.connector.support.settings.SettingChecks.port;
import static org.iofog.connector.support.settings.SettingChecks.read;
import static org.iofog.connector.support.settings.SettingChecks.unquoted;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Publishes the validated settings of PID {@code org.iofog.connector}. */
@Component(configurationPid = ConnectorSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = ConnectorSettingsProvider.class)
@Designate(ocd = ConnectorSettingsComponent.Config.class)
public class ConnectorSettingsComponent implements ConnectorSettingsProvider {

    @ObjectClassDefinition(id = ConnectorSettings.PID, name = "ioFog Connector",
            description = "What the old iofog-connector.conf held besides ports, and where the old daemon's files are")
    public @interface Config {

        @AttributeDefinition(name = "Address",
                description = "Host the local command-line tool uses to reach the REST API")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "Broker port", description = "Port answered by /api/v2/direct/add", min = "1",
                max = "65535")
        int broker() default 12345;

        @AttributeDefinition(name = "Dev mode",
                description = "Plain TCP on relay ports (and TLS too on the same ports when a certificate is"
                        + " loaded) and plain HTTP for the REST API. Controllers must be in dev mode too")
        boolean dev() default true;

        @AttributeDefinition(name = "Import the old daemon's files",
                description = "Import legacy.conf (and, with the relay, legacy.mappings) once, at the first start")
        boolean legacy_import() default true;

        @AttributeDefinition(name = "Old settings file", description = "The old daemon's iofog-connector.conf")
        String legacy_conf() default "/etc/iofog-connector/iofog-connector.conf";

        @AttributeDefinition(name = "Old mappings file", description = "The old daemon's configs.json")
        String legacy_mappings() default "/etc/iofog-connector/configs.json";
    }

    private final LastGoodSettings<Config, ConnectorSettings> settings = new LastGoodSettings<>(
            ConnectorSettingsComponent.class, ConnectorSettings.PID, Config.class, ConnectorSettingsComponent::parse);

    /** The raw properties let booleans and numbers be read strictly (see {@link RawValues}). */
    @Activate
    @Modified
    void configure(Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
    }

    @Override
    public ConnectorSettings current() {
        return settings.current();
    }

    @Override
    public Optional<String> problem() {
        return settings.problem();
    }

    private static ConnectorSettings parse(Config c, RawValues raw) throws InvalidSettingException {
        return new ConnectorSettings(
                notBlank("address", unquoted("address", read("address", c::address))),
                port("broker", raw.wholeNumber("broker", c::broker)),
                raw.bool("dev", c::dev),
                raw.bool("legacy.import", c::legacy_import),
                legacyConf(c),
                path("legacy.mappings", unquoted("legacy.mappings", read("legacy.mappings", c::legacy_mappings))));
    }

    /** Shared with {@link LegacyConfigImporter}, which must not look for a file at a path this component rejects. */
    static Path legacyConf(Config c) throws InvalidSettingException {
        return path("legacy.conf", unquoted("legacy.conf", read("legacy.conf", c::legacy_conf)));
    }
}
