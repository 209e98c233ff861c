package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.iofog.connector.api.legacy.LegacyImportResult;
import org.iofog.connector.api.legacy.LegacyMappingsImport;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.relay.internal.store.ConfigsJson;
import org.iofog.connector.relay.internal.store.InvalidMappingsFileException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an old daemon's {@code configs.json} into the running relay on request: the mappings that are not
 * here yet open on their ports with their passcodes, through the registry, and are persisted in one commit.
 */
@Component(service = LegacyMappingsImport.class, immediate = true)
public class LegacyMappingsImportComponent implements LegacyMappingsImport {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyMappingsImportComponent.class);

    private final MappingRegistryImpl registry;

    @Activate
    public LegacyMappingsImportComponent(@Reference RegistryAccess registry) {
        this(registry.registry());
    }

    /** The import into a registry assembled without OSGi. */
    LegacyMappingsImportComponent(MappingRegistryImpl registry) {
        this.registry = registry;
    }

    /**
     * A mapping whose id is already here, or whose port is taken, is left out and said so. A dry run opens
     * nothing and only says what would be done.
     */
    @Override
    public LegacyImportResult importMappings(Path legacyFile, boolean dryRun) throws IOException {
        List<Mapping> legacy;
        try {
            legacy = ConfigsJson.read(legacyFile);
        } catch (InvalidMappingsFileException e) {
            // The message names the file, the mapping and the field.
            throw new IOException(e.getMessage(), e);
        }
        List<String> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long changed = -1;
        for (Mapping mapping : legacy) {
            String what = mapping.type() + " mapping " + mapping.id()
                    + (mapping.type() == MappingType.DIRECT ? "" : " on ports " + mapping.port1() + " and " + mapping.port2());
            if (registry.contains(mapping.id())) {
                skipped.add(what + ": already here");
                continue;
            }
            if (mapping.type() != MappingType.DIRECT && registry.portTaken(mapping)) {
                skipped.add(what + ": " + registry.portClash(mapping));
                continue;
            }
            if (dryRun) {
                changes.add(what);
                continue;
            }
            MappingRegistryImpl.Adoption adopted = registry.adopt(mapping);
            if (adopted.problem() != null) {
                skipped.add(what + ": " + adopted.problem());
                continue;
            }
            changed = adopted.version();
            changes.add(what);
            LOG.info("Mapping {} imported from {}: {} on ports {} and {}", mapping.id(), legacyFile, mapping.type(),
                    mapping.port1(), mapping.port2());
        }
        if (changed >= 0) {
            registry.awaitDurable(changed);
        }
        return new LegacyImportResult(changes, skipped);
    }
}
