/**
 * Typed, validated connector settings, one record and one provider service per Config Admin PID.
 */
@Export
@Version("2.1.0")
package org.iofog.connector.api.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
