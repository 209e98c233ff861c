/**
 * The TLS bundle's certificates and server contexts in a plain JVM, without OSGi: what the benchmarks use to
 * give an embedded relay the context a connector would build. Nothing in a running connector uses this package.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.tls.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
