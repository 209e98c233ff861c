package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.iofog.connector.api.group.MappingReplication;
import org.iofog.connector.api.group.ReplicaTarget;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link MappingRegistry}: restores the persisted mappings on the relay's sockets when it
 * starts, and closes every listener and connection when it stops (bundle stop, feature uninstall), keeping
 * the mappings file for the next start. Also the {@link ReplicaTarget} the connector group opens and closes
 * other members' changes through, and the user of the group's {@link MappingReplication} when there is one.
 */
@Component(service = {MappingRegistry.class, RegistryAccess.class, ReplicaTarget.class}, immediate = true)
public class MappingRegistryComponent implements MappingRegistry, RegistryAccess, ReplicaTarget {

    private static final Logger LOG = LoggerFactory.getLogger(MappingRegistryComponent.class);

    private final RelayEngine engine;
    private final PortAllocator ports;
    private final RelaySettingsProvider relaySettings;
    private final ConnectorSettingsProvider connectorSettings;
    private MappingRegistryImpl registry;
    /** Bound before {@link #activate} when the group is already on; handed to the registry there. */
    private volatile MappingReplication replication;

    @Activate
    public MappingRegistryComponent(@Reference RelaySockets sockets, @Reference PortAllocator ports,
                                    @Reference RelaySettingsProvider relaySettings,
                                    @Reference ConnectorSettingsProvider connectorSettings) {
        this.engine = sockets.engine();
        this.ports = ports;
        this.relaySettings = relaySettings;
        this.connectorSettings = connectorSettings;
    }

    @Activate
    void activate() throws IOException {
        Path file = relaySettings.current().mappingsFile();
        registry = new MappingRegistryImpl(engine, ports, file);
        registry.replicateThrough(replication);
        ConnectorSettings connector = connectorSettings.current();
        try {
            registry.restore(connector.legacyImport() ? connector.legacyMappings() : null);
        } catch (IOException e) {
            LOG.error("The relay does not start: the mappings file {} cannot be read ({}). Nothing was changed;"
                    + " fix its permissions or move it away, then restart the relay bundle.", file, e.getMessage());
            throw e;
        }
        TransportLoops loops = engine.activeLoops();
        LOG.info("Relay started on the {} transport ({} I/O threads), mappings kept in {}", loops.name(),
                loops.ioThreads, file);
    }

    /** The connector group, published only while it is on (PID org.iofog.connector.group). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindReplication(MappingReplication group) {
        replication = group;
        MappingRegistryImpl running = registry;
        if (running != null) {
            running.replicateThrough(group);
        }
    }

    void unbindReplication(MappingReplication group) {
        if (replication != group) {
            return;
        }
        replication = null;
        MappingRegistryImpl running = registry;
        if (running != null) {
            running.replicateThrough(null);
        }
    }

    @Deactivate
    void deactivate() {
        registry.closeAll();
    }

    @Override
    public MappingRegistryImpl registry() {
        return registry;
    }

    @Override
    public Mapping addPublic(PublicPipeSpec spec) throws NoAvailablePortsException, MappingException {
        return registry.addPublic(spec);
    }

    @Override
    public Mapping addPrivate(PrivatePipeSpec spec) throws NoAvailablePortsException, MappingException {
        return registry.addPrivate(spec);
    }

    @Override
    public Mapping addDirect() throws MappingException {
        return registry.addDirect();
    }

    @Override
    public boolean remove(String id) throws MappingException {
        return registry.remove(id);
    }

    @Override
    public Optional<MappingStatus> status(String id) {
        return registry.status(id);
    }

    @Override
    public List<MappingStatus> statuses() {
        return registry.statuses();
    }

    @Override
    public List<Mapping> mappings() {
        return registry.mappings();
    }

    @Override
    public Optional<String> open(Mapping mapping) {
        return registry.openReplica(mapping);
    }

    @Override
    public boolean close(String id) {
        return registry.closeReplica(id);
    }
}
