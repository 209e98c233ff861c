/**
 * The relay transport SPI: the Netty event loops and channel types a relay listener runs on; the relay's
 * transport status, and the service that chooses its transport.
 */
@Export
@Version("1.2.0")
package org.iofog.connector.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
