/**
 * The TLS server context used by the relay ports and the REST API when the connector is not in dev mode.
 */
@Export
@Version("2.0.0")
package org.iofog.connector.api.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
