package org.iofog.connector.relay.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.iofog.connector.api.group.MappingReplication;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.relay.internal.store.MappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mappings and their pipes, kept in step with the mappings file. Plain Java: the DS component
 * {@link MappingRegistryComponent} only wires it.
 *
 * <p>Order of an add: ports, listeners, the entry made visible, the file written (group commit), the
 * answer. Order of a remove: the entry hidden, listeners and connections closed, the file written, the
 * ports released. Any failure undoes what was done before it. Callers must not be event-loop threads:
 * these methods wait for sockets and for the disk.
 */
public final class MappingRegistryImpl implements MappingRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MappingRegistryImpl.class);
    /** How often listeners that could not bind at restore are tried again. */
    private static final long REBIND_SECONDS = 30;
    /** How often an add picks new ports when other members' mappings hold the ones picked here. */
    private static final int CLAIM_ATTEMPTS = 16;

    private final RelayEngine engine;
    private final PortAllocator ports;
    private final MappingStore store;
    // Guarded by `this`; insertion order = creation order.
    private final Map<String, MappingEntry> entries = new LinkedHashMap<>();
    private long version;
    /** The connector group, while it is on: told of every change before it is answered. */
    private volatile MappingReplication replication;
    private final ScheduledExecutorService rebinder = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "relay-rebind");
        thread.setDaemon(true);
        return thread;
    });

    /** @param mappingsFile where the mappings are kept ({@code configs.json} format) */
    MappingRegistryImpl(RelayEngine engine, PortAllocator ports, Path mappingsFile) {
        this.engine = engine;
        this.ports = ports;
        this.store = new MappingStore(mappingsFile, this::snapshot);
    }

    /** The version and content the store writes; taken under the registry's lock. */
    synchronized MappingStore.Snapshot snapshot() {
        return new MappingStore.Snapshot(version, mappings());
    }

    /**
     * Opens every persisted mapping again on its ports with its passcodes, after importing the old
     * daemon's mappings file when ours does not exist yet.
     *
     * @param legacyMappings the old daemon's {@code configs.json}, or null not to import
     * @throws IOException when the mappings file exists but cannot be read: the registry must not run
     *                     (and later overwrite it) then
     */
    void restore(Path legacyMappings) throws IOException {
        long started = System.nanoTime();
        if (legacyMappings != null) {
            try {
                store.importLegacy(legacyMappings);
            } catch (IOException e) {
                LOG.error("The old mappings file {} was not imported: {}", legacyMappings, e.getMessage());
            }
        }
        List<Mapping> persisted = store.load();
        int opened = 0;
        List<MappingEntry> unbound = new ArrayList<>();
        for (Mapping mapping : persisted) {
            MappingEntry entry = entryFor(mapping);
            synchronized (this) {
                // Kept even when it cannot listen: nothing persisted is dropped from the file.
                entries.put(mapping.id(), entry);
            }
            if (mapping.type() != MappingType.DIRECT && !reservePorts(mapping)) {
                continue;
            }
            try {
                entry.open();
                opened++;
            } catch (IOException e) {
                LOG.error("Mapping {} restored but not listening yet ({}); trying again every {} s", mapping.id(),
                        e.getMessage(), REBIND_SECONDS);
                unbound.add(entry);
            }
        }
        // The time is what an operator waits for at start.
        LOG.info("Restored {} of {} persisted mappings in {} ms", opened, persisted.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (!unbound.isEmpty()) {
            rebinder.schedule(() -> rebind(unbound), REBIND_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Whether a mapping with this id is here. */
    synchronized boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** Whether either port of a mapping made elsewhere is in use here. */
    boolean portTaken(Mapping mapping) {
        return ports.isUsed(mapping.port1()) || ports.isUsed(mapping.port2());
    }

    /**
     * What became of a mapping made elsewhere.
     *
     * @param version the change to {@link #awaitDurable} for it to be on disk; -1 when it was left out
     * @param problem why it was left out; null when it is open here
     */
    record Adoption(long version, String problem) {
    }

    /**
     * Opens a mapping made elsewhere (an old daemon's) on its own ports with its own passcodes and makes it
     * visible, without waiting for the disk: callers adopting several await the last version once, so that
     * they are persisted in one commit.
     */
    Adoption adopt(Mapping mapping) {
        if (mapping.type() != MappingType.DIRECT && !reservePorts(mapping)) {
            return new Adoption(-1, portClash(mapping));
        }
        MappingEntry entry = entryFor(mapping);
        try {
            entry.open();
        } catch (IOException e) {
            releasePorts(mapping);
            return new Adoption(-1, e.getMessage());
        }
        synchronized (this) {
            entries.put(mapping.id(), entry);
            return new Adoption(++version, null);
        }
    }

    /** Returns once the mappings file holds the change {@code version} (group commit). */
    void awaitDurable(long version) throws IOException {
        store.awaitDurable(version);
    }

    /** Which of the mapping's ports is taken, and by which mapping here when one holds it. */
    String portClash(Mapping mapping) {
        for (int port : new int[] {mapping.port1(), mapping.port2()}) {
            if (!ports.isUsed(port)) {
                continue;
            }
            Mapping holder = null;
            synchronized (this) {
                for (MappingEntry entry : entries.values()) {
                    Mapping held = entry.mapping();
                    if (held.type() != MappingType.DIRECT && (held.port1() == port || held.port2() == port)) {
                        holder = held;
                        break;
                    }
                }
            }
            return holder == null ? "port " + port + " is in use"
                    : "port " + port + " is used by " + holder.type() + " mapping " + holder.id();
        }
        return "a port was taken meanwhile";
    }

    /** Changes from now on reach the group before they are answered; null: this connector works alone. */
    void replicateThrough(MappingReplication group) {
        replication = group;
    }

    @Override
    public Mapping addPublic(PublicPipeSpec spec) throws NoAvailablePortsException, MappingException {
        return addPipe(pair -> new Mapping(newId(), MappingType.PUBLIC, pair.port1(), pair.port2(),
                spec.maxConnections(), spec.maxConnections(), newId(), "",
                spec.heartbeatAbsenceThreshold(), spec.heartbeatAbsenceThreshold(), now()));
    }

    @Override
    public Mapping addPrivate(PrivatePipeSpec spec) throws NoAvailablePortsException, MappingException {
        return addPipe(pair -> new Mapping(newId(), MappingType.PRIVATE, pair.port1(), pair.port2(),
                spec.maxConnectionsPort1(), spec.maxConnectionsPort2(), newId(), newId(),
                spec.heartbeatAbsenceThresholdPort1(), spec.heartbeatAbsenceThresholdPort2(), now()));
    }

    @Override
    public Mapping addDirect() throws MappingException {
        Mapping mapping = new Mapping(newId(), MappingType.DIRECT, 0, 0, 0, 0, newId(), "", 0, 0, now());
        MappingReplication group = replication;
        if (group != null) {
            group.begin(mapping);
        }
        return add(mapping, group);
    }

    /**
     * Takes two ports and, in a group, claims them across it: ports another member's mapping holds (one this
     * member has not opened yet) are given back here and others are picked.
     */
    private Mapping addPipe(Function<PortPair, Mapping> withPorts) throws NoAvailablePortsException, MappingException {
        MappingReplication group = replication;
        for (int attempt = 1; ; attempt++) {
            Mapping mapping = withPorts.apply(allocatePair());
            boolean claimed;
            try {
                claimed = group == null || group.begin(mapping);
            } catch (MappingException e) {
                releasePorts(mapping);
                throw e;
            }
            if (claimed) {
                return add(mapping, group);
            }
            releasePorts(mapping);
            if (attempt == CLAIM_ATTEMPTS) {
                throw new MappingException("Mapping not added: the ports picked here were held by other members'"
                        + " mappings " + CLAIM_ATTEMPTS + " times in a row; this member has not caught up with the"
                        + " group yet, try again");
            }
        }
    }

    private PortPair allocatePair() throws NoAvailablePortsException {
        try {
            return ports.allocatePair();
        } catch (NoAvailablePortsException e) {
            engine.statistics().allocationFailed();
            throw e;
        }
    }

    private Mapping add(Mapping mapping, MappingReplication group) throws MappingException {
        MappingEntry entry = entryFor(mapping);
        try {
            if (mapping.type() != MappingType.DIRECT) {
                engine.requireTlsReady();
            }
            entry.open();
        } catch (IOException | IllegalStateException e) {
            releasePorts(mapping);
            abort(group, mapping);
            throw new MappingException("Mapping not added: " + e.getMessage(), e);
        }
        long changed;
        synchronized (this) {
            entries.put(mapping.id(), entry);
            changed = ++version;
        }
        try {
            store.awaitDurable(changed);
        } catch (IOException e) {
            undo(mapping, entry);
            abort(group, mapping);
            throw new MappingException("Mapping not added: the mappings file could not be written ("
                    + e.getMessage() + ")", e);
        }
        if (group != null) {
            try {
                group.commit(mapping);
            } catch (MappingException e) {
                undo(mapping, entry);
                group.abort(mapping);
                throw e;
            }
        }
        LOG.info("Mapping {} added: {} on ports {} and {}", mapping.id(), mapping.type(), mapping.port1(),
                mapping.port2());
        return mapping;
    }

    /** Takes back an add that was open and visible here, unless a remove got to it first. */
    private void undo(Mapping mapping, MappingEntry entry) {
        boolean stillOurs;
        long changed;
        synchronized (this) {
            stillOurs = entries.remove(mapping.id(), entry);
            changed = ++version;
        }
        if (stillOurs) {
            entry.close();
            persistQuietly(changed);
            releasePorts(mapping);
        }
    }

    private static void abort(MappingReplication group, Mapping mapping) {
        if (group != null) {
            group.abort(mapping);
        }
    }

    @Override
    public boolean remove(String id) throws MappingException {
        boolean here = removeHere(id);
        MappingReplication group = replication;
        if (group == null) {
            return here;
        }
        try {
            // Also when it was not here: a mapping this member could not open is still the group's to remove.
            return group.withdraw(id) || here;
        } catch (MappingException e) {
            throw new MappingException("Mapping " + id + (here ? " closed here, but" : ":") + " the group could not"
                    + " record the removal (" + e.getMessage() + "); the other members still serve it, so it opens"
                    + " here again: remove it again once the group answers", e);
        }
    }

    /**
     * Closes and forgets a mapping on this member only: what {@link #remove} does before it tells the group, and
     * what the group asks for when another member removed it.
     */
    boolean removeHere(String id) throws MappingException {
        MappingEntry entry;
        long changed;
        synchronized (this) {
            entry = entries.remove(id);
            if (entry == null) {
                return false;
            }
            changed = ++version;
        }
        entry.close();
        try {
            store.awaitDurable(changed);
        } catch (IOException e) {
            // The pipe is closed and gone from memory; the file still lists it, so it comes back at the
            // next start. Keep its ports so that nothing else takes them meanwhile.
            throw new MappingException("Mapping " + id + " closed, but the mappings file could not be written ("
                    + e.getMessage() + "); it will be opened again at the next start", e);
        }
        releasePorts(entry.mapping());
        LOG.info("Mapping {} removed", id);
        return true;
    }

    /**
     * Opens here a mapping another member of the group made, on its ports with its passcodes, persisted as any
     * change; the group is not told again.
     *
     * @return empty when it is open here (also when it already was), else why it could not be opened
     */
    Optional<String> openReplica(Mapping mapping) {
        if (contains(mapping.id())) {
            return Optional.empty();
        }
        if (mapping.type() != MappingType.DIRECT && portTaken(mapping)) {
            return Optional.of(portClash(mapping));
        }
        Adoption adopted = adopt(mapping);
        if (adopted.problem() != null) {
            return Optional.of(adopted.problem());
        }
        try {
            store.awaitDurable(adopted.version());
        } catch (IOException e) {
            // Open and served; the file catches up with the next change that is written.
            LOG.error("Mapping {} of the group is open here but the mappings file could not be written: {}",
                    mapping.id(), e.getMessage());
        }
        LOG.info("Mapping {} opened from the group: {} on ports {} and {}", mapping.id(), mapping.type(),
                mapping.port1(), mapping.port2());
        return Optional.empty();
    }

    /** Closes here a mapping the group removed; the group is not told again. */
    boolean closeReplica(String id) {
        try {
            return removeHere(id);
        } catch (MappingException e) {
            LOG.error("Mapping {} removed by the group: {}", id, e.getMessage());
            return true;
        }
    }

    /** Every mapping here, with its passcodes, oldest first. */
    synchronized List<Mapping> mappings() {
        List<Mapping> all = new ArrayList<>(entries.size());
        for (MappingEntry entry : entries.values()) {
            all.add(entry.mapping());
        }
        return all;
    }

    @Override
    public Optional<MappingStatus> status(String id) {
        MappingEntry entry;
        synchronized (this) {
            entry = entries.get(id);
        }
        return Optional.ofNullable(entry).map(MappingEntry::status);
    }

    @Override
    public List<MappingStatus> statuses() {
        List<MappingEntry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
        }
        return all.stream().map(MappingEntry::status).toList();
    }

    /** The live pipe of a mapping, for tests and inspection; null for an unknown id or a direct entry. */
    synchronized Pipe pipe(String id) {
        return entries.get(id) instanceof Pipe pipe ? pipe : null;
    }

    /** Closes every pipe and gives the ports back; the file keeps the mappings for the next start. */
    void closeAll() {
        rebinder.shutdownNow();
        try {
            // The mappings stay on disk for the next start; folded into one file, as operators expect it.
            store.compact();
        } catch (IOException e) {
            LOG.warn("Could not fold the mappings journal into the mappings file while stopping ({}); it is"
                    + " folded in at the next start", e.getMessage());
        }
        List<MappingEntry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (MappingEntry entry : all) {
            entry.close();
            releasePorts(entry.mapping());
        }
    }

    private void rebind(List<MappingEntry> unbound) {
        List<MappingEntry> still = new ArrayList<>();
        for (MappingEntry entry : unbound) {
            synchronized (this) {
                if (entries.get(entry.mapping().id()) != entry) {
                    continue;
                }
            }
            try {
                entry.open();
                LOG.info("Mapping {} listening again", entry.mapping().id());
            } catch (IOException e) {
                still.add(entry);
            }
        }
        if (!still.isEmpty() && !rebinder.isShutdown()) {
            rebinder.schedule(() -> rebind(still), REBIND_SECONDS, TimeUnit.SECONDS);
        }
    }

    private boolean reservePorts(Mapping mapping) {
        if (!ports.reserve(mapping.port1())) {
            LOG.error("Mapping {} not restored: port {} is already taken by another mapping", mapping.id(),
                    mapping.port1());
            return false;
        }
        if (!ports.reserve(mapping.port2())) {
            ports.release(mapping.port1());
            LOG.error("Mapping {} not restored: port {} is already taken by another mapping", mapping.id(),
                    mapping.port2());
            return false;
        }
        return true;
    }

    private void releasePorts(Mapping mapping) {
        if (mapping.type() != MappingType.DIRECT) {
            ports.release(mapping.port1());
            ports.release(mapping.port2());
        }
    }

    private void persistQuietly(long changed) {
        try {
            store.awaitDurable(changed);
        } catch (IOException e) {
            LOG.error("The mappings file could not be written after undoing a failed add: {}", e.getMessage());
        }
    }

    private MappingEntry entryFor(Mapping mapping) {
        return switch (mapping.type()) {
            case PUBLIC -> new PublicPipe(mapping, engine);
            case PRIVATE -> new PrivatePipe(mapping, engine);
            case DIRECT -> new DirectEntry(mapping);
        };
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    private static String newId() {
        // Version 4, from a SecureRandom: ids and passcodes must not be guessable.
        return UUID.randomUUID().toString();
    }
}
