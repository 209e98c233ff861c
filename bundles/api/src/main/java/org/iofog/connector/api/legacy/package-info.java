/**
 * On-demand import of the old daemon's files: its settings ({@code iofog-connector.conf}) and its
 * mappings ({@code configs.json}), with a dry run that says what would change.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.api.legacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
