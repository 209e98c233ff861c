/**
 * The mapping model: public, private and direct pipes with the fields of the legacy {@code configs.json}.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.api.mapping;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
