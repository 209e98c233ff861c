package org.iofog.connector.config.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.iofog.connector.api.legacy.LegacyImportResult;
import org.iofog.connector.api.legacy.LegacySettingsImport;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the old daemon's {@code iofog-connector.conf} into Config Admin once, so that an installation
 * moves over without re-registering with the Controller.
 *
 * <p>The feature ships default configurations, so "not imported yet" cannot mean "no configuration":
 * it means that {@code org.iofog.connector} does not carry the {@value #IMPORTED} marker. The marker is
 * written after a successful import and also when no old file exists at the first start (a file that
 * appears months later must not silently replace settings the operator has made since). A file with a
 * problem is not imported at all, is reported at every start until fixed, and leaves no marker.
 */
@Component(configurationPid = ConnectorSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = LegacySettingsImport.class)
public class LegacyConfigImporter implements LegacySettingsImport {

    static final String IMPORTED = "legacy.imported";

    private static final Logger LOG = LoggerFactory.getLogger(LegacyConfigImporter.class);

    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public LegacyConfigImporter(@Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Activate
    @Modified
    void importOnce(ConnectorSettingsComponent.Config config, Map<String, Object> properties) {
        if (properties.get(IMPORTED) != null || !importWanted(config, properties)) {
            return;
        }
        Path file;
        try {
            file = ConnectorSettingsComponent.legacyConf(config);
        } catch (InvalidSettingException e) {
            // ConnectorSettingsComponent reports it. Looking at a wrong path would find nothing and set the
            // marker, so that the real file would never be imported.
            return;
        }
        try {
            if (!Files.exists(file)) {
                markImported("nothing found at " + file);
                LOG.info("No old settings file at {}: nothing to import", file);
                return;
            }
            LegacyConfig legacy = LegacyConfigReader.read(file);
            write(file, legacy);
            LOG.info("Imported the old settings from {}: ports {} excluding {}, broker {}, address {}, dev {}",
                    file, text(legacy.ports()), legacy.exclude().isEmpty() ? "nothing" : text(legacy.exclude()),
                    legacy.broker(), legacy.address(), legacy.dev());
        } catch (LegacyConfigException e) {
            LOG.error("Old settings not imported, nothing was changed: {}. Fix the file, or set legacy.import = false"
                    + " in etc/{}.cfg to stop trying.", e.getMessage(), ConnectorSettings.PID);
        } catch (IOException e) {
            LOG.error("Old settings from {} not imported, nothing was changed: Config Admin could not store them"
                    + " ({})", file, e.toString());
        }
    }

    /**
     * {@code legacy.import} read as strictly as {@link ConnectorSettingsComponent} reads it. A value it
     * rejects (and reports) imports nothing: an import rewrites settings, so it needs a clear yes.
     */
    private static boolean importWanted(ConnectorSettingsComponent.Config config, Map<String, Object> properties) {
        try {
            return new RawValues(properties).bool("legacy.import", config::legacy_import);
        } catch (InvalidSettingException e) {
            return false;
        }
    }

    /** On demand (the console's {@code connector:import-legacy}): whatever the marker says. */
    @Override
    public LegacyImportResult importSettings(Path file, boolean dryRun) throws IOException {
        LegacyConfig legacy;
        try {
            legacy = LegacyConfigReader.read(file);
        } catch (LegacyConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<String> changes = List.of(
                "ports = " + text(legacy.ports()),
                "exclude = " + text(legacy.exclude()),
                "address = " + legacy.address(),
                "broker = " + legacy.broker(),
                "dev = " + legacy.dev());
        if (!dryRun) {
            write(file, legacy);
            LOG.info("Imported the old settings from {} on request: {}", file, changes);
        }
        return new LegacyImportResult(changes, List.of());
    }

    /**
     * Writes the ports first, then the connector settings with the marker; undoes the ports if the second fails.
     *
     * <p>Every value goes to Config Admin as text, so that Karaf writes the {@code .cfg} files back as plain
     * {@code key = value} lines with their comments (see {@link PlainTextProperties}). Writing the files
     * here instead was rejected: fileinstall would pick them up only at its next poll, asynchronously and
     * possibly racing its own write-back, a configuration without a file would need a second path anyway,
     * and the undo of the ports could no longer rely on Config Admin's answer.
     */
    private void write(Path file, LegacyConfig legacy) throws IOException {
        Configuration ports = configurationAdmin.getConfiguration(PortSettings.PID, "?");
        Dictionary<String, Object> previousPorts = ports.getProperties();
        Dictionary<String, Object> newPorts = PlainTextProperties.copyOf(previousPorts);
        newPorts.put("ports", text(legacy.ports()));
        newPorts.put("exclude", text(legacy.exclude()));
        ports.update(newPorts);
        try {
            Configuration connector = configurationAdmin.getConfiguration(ConnectorSettings.PID, "?");
            Dictionary<String, Object> newConnector = PlainTextProperties.copyOf(connector.getProperties());
            newConnector.put("address", legacy.address());
            newConnector.put("broker", String.valueOf(legacy.broker()));
            newConnector.put("dev", String.valueOf(legacy.dev()));
            newConnector.put(IMPORTED, file + " at " + Instant.now());
            connector.update(newConnector);
        } catch (IOException | RuntimeException e) {
            if (previousPorts == null) {
                ports.delete();
            } else {
                ports.update(previousPorts);
            }
            throw e;
        }
    }

    private void markImported(String note) throws IOException {
        Configuration connector = configurationAdmin.getConfiguration(ConnectorSettings.PID, "?");
        Dictionary<String, Object> properties = PlainTextProperties.copyOf(connector.getProperties());
        properties.put(IMPORTED, note);
        connector.update(properties);
    }

    /** Comma-separated, the form the {@code .cfg} files use. */
    private static String text(List<PortRange> ranges) {
        return ranges.stream().map(PortRange::toString).collect(Collectors.joining(", "));
    }
}
