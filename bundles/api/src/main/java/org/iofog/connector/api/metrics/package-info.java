/**
 * The relay's counters, for JMX, Prometheus and status displays.
 */
@Export
@Version("1.1.0")
package org.iofog.connector.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
