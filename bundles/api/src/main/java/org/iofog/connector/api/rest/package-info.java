/**
 * What the REST API actually does, as opposed to what its settings ask for.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
