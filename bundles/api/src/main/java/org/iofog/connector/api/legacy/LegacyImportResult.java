package org.iofog.connector.api.legacy;

import java.util.List;

/**
 * What an import did, or would do in a dry run.
 *
 * @param changes what was (or would be) taken over, one line each
 * @param skipped what was left out and why, one line each
 */
public record LegacyImportResult(List<String> changes, List<String> skipped) {

    public LegacyImportResult {
        changes = List.copyOf(changes);
        skipped = List.copyOf(skipped);
    }
}
