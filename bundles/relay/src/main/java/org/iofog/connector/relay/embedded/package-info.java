/**
 * A relay in a plain JVM, without OSGi: what the benchmarks and other bundles' tests run against, built by
 * {@link org.iofog.connector.relay.embedded.EmbeddedRelay#builder()} from the same classes the relay bundle's
 * components use. Nothing in a running connector uses this package.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.relay.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
