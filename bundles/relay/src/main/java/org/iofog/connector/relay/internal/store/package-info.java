/**
 * The durable mappings file: the legacy {@code configs.json} codec ({@link ConfigsJson}), the file and its
 * journal on disk ({@link MappingsFile}, {@link MappingJournal}), the group commit that batches concurrent
 * changes into one write ({@link GroupCommit}), and the store that puts them together ({@link MappingStore}).
 * Private to the bundle.
 */
package org.iofog.connector.relay.internal.store;
