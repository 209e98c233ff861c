package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.iofog.connector.api.group.ReplicaTarget;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes here what other members of the connector group added and removed, through the registry,
 * persisted as any change; the group is not told again.
 */
@Component(service = ReplicaTarget.class, immediate = true)
public class GroupReplicaComponent implements ReplicaTarget {

    private static final Logger LOG = LoggerFactory.getLogger(GroupReplicaComponent.class);

    private final MappingRegistryImpl registry;

    @Activate
    public GroupReplicaComponent(@Reference RegistryAccess registry) {
        this(registry.registry());
    }

    GroupReplicaComponent(MappingRegistryImpl registry) {
        this.registry = registry;
    }

    @Override
    public List<Mapping> mappings() {
        return registry.mappings();
    }

    @Override
    public Optional<String> open(Mapping mapping) {
        if (registry.contains(mapping.id())) {
            return Optional.empty();
        }
        if (mapping.type() != MappingType.DIRECT && registry.portTaken(mapping)) {
            return Optional.of(registry.portClash(mapping));
        }
        MappingRegistryImpl.Adoption adopted = registry.adopt(mapping);
        if (adopted.problem() != null) {
            return Optional.of(adopted.problem());
        }
        try {
            registry.awaitDurable(adopted.version());
        } catch (IOException e) {
            // Open and served; the file catches up with the next change that is written.
            LOG.error("Mapping {} of the group is open here but the mappings file could not be written: {}",
                    mapping.id(), e.getMessage());
        }
        LOG.info("Mapping {} opened from the group: {} on ports {} and {}", mapping.id(), mapping.type(),
                mapping.port1(), mapping.port2());
        return Optional.empty();
    }

    @Override
    public boolean close(String id) {
        try {
            return registry.removeHere(id);
        } catch (MappingException e) {
            LOG.error("Mapping {} removed by the group: {}", id, e.getMessage());
            return true;
        }
    }
}
