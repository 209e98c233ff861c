/**
 * The relay transport SPI: the Netty event loops and channel types a relay listener runs on.
 */
@Export
@Version("1.1.0")
package org.iofog.connector.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
