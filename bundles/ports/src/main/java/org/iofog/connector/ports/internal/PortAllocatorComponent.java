package org.iofog.connector.ports.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.ports.PortUsage;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.api.settings.PortSettingsProvider;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PortAllocator} service: a {@link PortPool} kept in step with the port settings, checking
 * ports on the relay bind address.
 *
 * <p>Both settings references declare an {@code updated} method: the providers change their service
 * properties on every Config Admin update, and following that in place keeps the pool (and the ports
 * it has handed out) alive. Re-creating the component would forget every used port.
 */
@Component(service = PortAllocator.class, immediate = true)
public class PortAllocatorComponent implements PortAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(PortAllocatorComponent.class);
    private static final int MAX_PORTS_LOGGED = 20;

    private final PortPool pool = new PortPool();
    private final Function<String, PortProbe> probeFactory;

    // Written under `this` by the bind/updated methods; the probe is read without a lock by allocatePair.
    private PortSettings appliedPorts;
    private String appliedBindAddress;
    private volatile PortProbe probe;

    /** Used by Declarative Services: checks ports by binding them. */
    public PortAllocatorComponent() {
        this(PortAllocatorComponent::bindingProbe);
    }

    /** For tests: how a probe is made from the relay bind address. */
    PortAllocatorComponent(Function<String, PortProbe> probeFactory) {
        this.probeFactory = Objects.requireNonNull(probeFactory, "probeFactory");
    }

    @Reference(name = "portSettings", updated = "updatedPortSettings")
    void bindPortSettings(PortSettingsProvider provider) {
        applyPortSettings(provider.current());
    }

    void updatedPortSettings(PortSettingsProvider provider) {
        applyPortSettings(provider.current());
    }

    @Reference(name = "relaySettings", updated = "updatedRelaySettings")
    void bindRelaySettings(RelaySettingsProvider provider) {
        applyBindAddress(provider.current().bindAddress());
    }

    void updatedRelaySettings(RelaySettingsProvider provider) {
        applyBindAddress(provider.current().bindAddress());
    }

    @Override
    public PortPair allocatePair() throws NoAvailablePortsException {
        PortProbe current = probe;
        if (current == null) {
            throw new IllegalStateException("the relay settings are not bound yet");
        }
        PortPair pair = pool.allocatePair(current);
        LOG.debug("Allocated ports {} and {}", pair.port1(), pair.port2());
        return pair;
    }

    @Override
    public void release(int port) {
        pool.release(port);
    }

    @Override
    public boolean reserve(int port) {
        return pool.reserve(port);
    }

    @Override
    public boolean isUsed(int port) {
        return pool.isUsed(port);
    }

    @Override
    public PortUsage usage() {
        return pool.usage();
    }

    /** Reconfigures only on a real change: the provider's properties also change for unrelated reasons. */
    private synchronized void applyPortSettings(PortSettings settings) {
        if (settings.equals(appliedPorts)) {
            return;
        }
        appliedPorts = settings;
        PortUsage usage = pool.reconfigure(settings.ports(), settings.exclude());
        String excluding = settings.exclude().isEmpty() ? "" : " excluding " + format(settings.exclude());
        LOG.info("Port ranges now {}{}: {} free, {} in use",
                format(settings.ports()), excluding, usage.free(), usage.used());
        if (!usage.usedOutsideRange().isEmpty()) {
            List<Integer> outside = usage.usedOutsideRange();
            LOG.warn("{} {} in use by existing mappings but outside the port ranges now;"
                            + " kept until released, then not handed out again",
                    (outside.size() == 1 ? "Port " : "Ports ") + formatPorts(outside),
                    outside.size() == 1 ? "is" : "are");
        }
    }

    /** Lists the first ports only: a narrowing can leave thousands outside, and one log line must stay readable. */
    private static String formatPorts(List<Integer> ports) {
        String listed = ports.stream().limit(MAX_PORTS_LOGGED).map(String::valueOf).collect(Collectors.joining(", "));
        return ports.size() <= MAX_PORTS_LOGGED ? listed : listed + " and " + (ports.size() - MAX_PORTS_LOGGED) + " more";
    }

    private synchronized void applyBindAddress(String bindAddress) {
        if (probe != null && Objects.equals(bindAddress, appliedBindAddress)) {
            return;
        }
        probe = probeFactory.apply(bindAddress);
        appliedBindAddress = bindAddress;
        LOG.debug("Checking that ports are free with {}", probe);
    }

    private static String format(List<PortRange> ranges) {
        return ranges.isEmpty() ? "(none)" : ranges.stream().map(PortRange::toString).collect(Collectors.joining(","));
    }

    private static PortProbe bindingProbe(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return new BindingPortProbe(null);
        }
        try {
            return new BindingPortProbe(InetAddress.getByName(bindAddress.strip()));
        } catch (UnknownHostException e) {
            // The relay will say so too when it binds; here it only decides where ports are checked.
            LOG.warn("Relay bind address \"{}\" cannot be resolved; checking ports on all addresses instead",
                    bindAddress);
            return new BindingPortProbe(null);
        }
    }
}
