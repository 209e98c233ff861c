package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.iofog.connector.api.legacy.LegacyImportResult;
import org.iofog.connector.api.legacy.LegacyMappingsImport;
import org.iofog.connector.api.legacy.LegacySettingsImport;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;

/**
 * Takes over the old daemon's files on demand: its settings into Config Admin and its mappings into the
 * running relay (those not here yet, on their ports with their passcodes). {@code --dry-run} says what
 * would change and changes nothing.
 */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "import-legacy",
        description = "Imports the old daemon's iofog-connector.conf and configs.json (paths from"
                + " etc/org.iofog.connector.cfg unless given)")
public class ImportLegacyCommand extends ConnectorAction {

    @Option(name = "--conf", description = "The old settings file (default: legacy.conf)")
    String conf;

    @Option(name = "--mappings", description = "The old mappings file (default: legacy.mappings)")
    String mappings;

    @Option(name = "--dry-run", description = "Only say what would be imported")
    boolean dryRun;

    @Option(name = "--no-settings", description = "Leave the settings alone")
    boolean noSettings;

    @Option(name = "--no-mappings", description = "Leave the mappings alone")
    boolean noMappings;

    @Reference
    ConnectorSettingsProvider connectorSettings;

    @Reference
    LegacySettingsImport settingsImport;

    @Reference
    LegacyMappingsImport mappingsImport;

    @Override
    void run(PrintStream out) throws Exception {
        var connector = require(connectorSettings, "the connector settings").current();
        String verb = dryRun ? "Would import" : "Imported";
        if (!noSettings) {
            Path file = conf != null ? Path.of(conf) : connector.legacyConfig();
            LegacyImportResult result = require(settingsImport, "the settings import").importSettings(file, dryRun);
            out.println(verb + " the settings of " + file + ":");
            print(out, result);
        }
        if (!noMappings) {
            Path file = mappings != null ? Path.of(mappings) : connector.legacyMappings();
            LegacyImportResult result = require(mappingsImport, "the relay").importMappings(file, dryRun);
            out.println(verb + " " + Formats.count(result.changes().size(), "mapping") + " of " + file
                    + (result.skipped().isEmpty() ? "" : ", left out " + result.skipped().size()) + ":");
            print(out, result);
        }
        if (dryRun) {
            out.println("Nothing was changed (dry run).");
        }
    }

    /**
     * Each line as the import service wrote it. A left-out mapping's line names its type, id and both ports, and
     * why; {@link LegacyImportResult} carries text only, so which of the two ports is taken, and by which
     * mapping, is not known here.
     */
    static void print(PrintStream out, LegacyImportResult result) {
        result.changes().forEach(line -> out.println("  " + line));
        result.skipped().forEach(line -> out.println("  left out: " + line));
    }
}
