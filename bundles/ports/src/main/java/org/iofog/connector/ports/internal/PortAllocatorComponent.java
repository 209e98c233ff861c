package org.iofog.connector.ports.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.iofog.connector.support.settings.LastGoodSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PortAllocator} service: a {@link PortPool} kept in step with its own configuration (PID
 * {@code org.iofog.connector.ports}, also published as {@link PortSettingsProvider} for the shell), checking
 * ports on the relay bind address.
 *
 * <p>A new configuration is applied in place by {@code @Modified}, and the relay settings reference declares
 * an {@code updated} method: re-creating the component would forget every port it has handed out.
 */
@Component(configurationPid = PortSettings.PID, service = {PortAllocator.class, PortSettingsProvider.class},
        immediate = true)
@Designate(ocd = PortsConfiguration.Config.class)
public class PortAllocatorComponent implements PortAllocator, PortSettingsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PortAllocatorComponent.class);
    private static final int MAX_PORTS_LOGGED = 20;

    private final PortPool pool = new PortPool();
    private final LastGoodSettings<PortsConfiguration.Config, PortSettings> settings = new LastGoodSettings<>(
            PortAllocatorComponent.class, PortSettings.PID, PortsConfiguration.Config.class, PortsConfiguration::settings);
    private final Function<String, PortProbe> probeFactory;

    // Written under `this` by configure and the relay settings methods; the probe is read without a lock by
    // allocatePair.
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

    /** The raw properties let values be read strictly, as for every PID of the connector. */
    @Activate
    @Modified
    void configure(PortsConfiguration.Config config, Map<String, Object> properties) {
        settings.apply(config, properties);
        applyPortSettings(settings.current());
    }

    @Override
    public PortSettings current() {
        return settings.current();
    }

    @Override
    public Optional<String> problem() {
        return settings.problem();
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

    /** Reconfigures only on a real change: a rejected or equal configuration leaves the pool as it is. */
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
