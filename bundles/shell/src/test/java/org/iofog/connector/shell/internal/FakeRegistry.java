package org.iofog.connector.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;

/** The registry the commands drive: keeps statuses in a list; adds answer fixed mappings and are recorded. */
final class FakeRegistry implements MappingRegistry {
    final List<MappingStatus> statuses = new ArrayList<>();
    PublicPipeSpec lastPublic;
    PrivatePipeSpec lastPrivate;
    /** Every spec a mapping was added with, in order. */
    final List<Object> added = new ArrayList<>();
    boolean full;
    MappingException failure;

    @Override
    public Mapping addPublic(PublicPipeSpec spec) throws NoAvailablePortsException, MappingException {
        if (full) {
            throw new NoAvailablePortsException(2, 0);
        }
        if (failure != null) {
            throw failure;
        }
        lastPublic = spec;
        added.add(spec);
        return MappingFormatsTest.mapping(MappingType.PUBLIC, 6000, 6001, spec.maxConnections(), 0);
    }

    @Override
    public Mapping addPrivate(PrivatePipeSpec spec) {
        lastPrivate = spec;
        added.add(spec);
        return MappingFormatsTest.mapping(MappingType.PRIVATE, 6002, 6003, spec.maxConnectionsPort1(),
                spec.maxConnectionsPort2());
    }

    @Override
    public Mapping addDirect() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(String id) {
        return statuses.removeIf(s -> s.mapping().id().equals(id));
    }

    @Override
    public Optional<MappingStatus> status(String id) {
        return statuses.stream().filter(s -> s.mapping().id().equals(id)).findFirst();
    }

    @Override
    public List<MappingStatus> statuses() {
        return List.copyOf(statuses);
    }
}
