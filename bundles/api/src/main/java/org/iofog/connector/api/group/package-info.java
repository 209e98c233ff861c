/**
 * The connector group: several connectors that share one replicated table of mappings, so that any member
 * serves every mapping (PID {@code org.iofog.connector.group}). Off by default.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.api.group;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
