/**
 * Port allocation: the ranges a connector may hand out to mappings and the service that hands them out.
 */
@Export
@Version("1.0.0")
package org.iofog.connector.api.ports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
