/**
 * The durable mappings file: the legacy {@code configs.json} codec and the store that writes it
 * atomically, batching concurrent changes into one write (group commit). Private to the bundle.
 */
package org.iofog.connector.relay.internal.store;
