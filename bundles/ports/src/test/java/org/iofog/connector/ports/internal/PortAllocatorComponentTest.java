package org.iofog.connector.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.support.settings.ConfigProxy;
import org.junit.Test;

/**
 * The component wired by hand, the way SCR calls it: its own configuration through {@code configure} (activate,
 * then modified on every change), the relay settings through bind, then updated.
 */
public class PortAllocatorComponentTest {

    static final class FakeRelaySettings implements RelaySettingsProvider {
        volatile RelaySettings current;

        FakeRelaySettings(String bindAddress) {
            set(bindAddress, Duration.ofSeconds(10));
        }

        void set(String bindAddress, Duration authTimeout) {
            current = new RelaySettings(bindAddress, authTimeout, Duration.ofSeconds(30), 65536,
                    Path.of("configs.json"));
        }

        @Override
        public RelaySettings current() {
            return current;
        }

        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }
    }

    private final List<String> probesMade = new ArrayList<>();
    private final List<Integer> busy = new ArrayList<>();

    /** Delivers PID org.iofog.connector.ports as Declarative Services does; {@code ports} as in the file. */
    static void configure(PortAllocatorComponent component, String ports, String... exclude) {
        ConfigProxy.deliver(component::configure, PortsConfiguration.Config.class,
                Map.of("ports", ports.split(","), "exclude", exclude));
    }

    /** Records each probe built, and answers from {@link #busy}. */
    private PortAllocatorComponent component() {
        return new PortAllocatorComponent(address -> {
            probesMade.add(address);
            return port -> !busy.contains(port);
        });
    }

    @Test
    public void updatedPortSettingsChangeWhatIsAllocatedWithoutRecreatingTheComponent() throws Exception {
        FakeRelaySettings relay = new FakeRelaySettings("0.0.0.0");
        PortAllocatorComponent component = component();
        component.bindRelaySettings(relay);
        configure(component, "6000-6009");

        assertEquals(new PortPair(6000, 6001), component.allocatePair());

        configure(component, "7000-7003", "7001");

        assertEquals(new PortPair(7000, 7002), component.allocatePair());
        assertEquals(1, component.usage().free());
        assertEquals(4, component.usage().used());
        assertEquals("used ports survive the change", List.of(6000, 6001), component.usage().usedOutsideRange());
        assertTrue(component.isUsed(6000));

        component.release(6000);
        assertFalse(component.isUsed(6000));
        assertEquals(List.of(6001), component.usage().usedOutsideRange());
        assertEquals(1, component.usage().free());
    }

    @Test
    public void anUpdateWithEqualSettingsChangesNothing() throws Exception {
        FakeRelaySettings relay = new FakeRelaySettings("0.0.0.0");
        PortAllocatorComponent component = component();
        component.bindRelaySettings(relay);
        configure(component, "6000-6003");
        PortPair pair = component.allocatePair();

        configure(component, "6000-6003");  // a new but equal configuration, as after an unrelated property change
        relay.set("0.0.0.0", Duration.ofSeconds(99));
        component.updatedRelaySettings(relay);

        assertTrue(component.isUsed(pair.port1()));
        assertEquals(2, component.usage().free());
        assertEquals("same bind address, same probe", List.of("0.0.0.0"), probesMade);
    }

    @Test
    public void aNewBindAddressRebuildsTheProbe() throws Exception {
        FakeRelaySettings relay = new FakeRelaySettings("0.0.0.0");
        PortAllocatorComponent component = component();
        component.bindRelaySettings(relay);
        configure(component, "6000-6003");

        relay.set("127.0.0.1", Duration.ofSeconds(10));
        component.updatedRelaySettings(relay);
        assertEquals(List.of("0.0.0.0", "127.0.0.1"), probesMade);

        busy.add(6000);
        assertEquals(new PortPair(6001, 6002), component.allocatePair());
    }

    @Test
    public void reserveGoesThroughToThePool() {
        PortAllocatorComponent component = component();
        component.bindRelaySettings(new FakeRelaySettings("0.0.0.0"));
        configure(component, "6000-6003");

        assertTrue(component.reserve(6002));
        assertFalse(component.reserve(6002));
        assertTrue(component.reserve(9000));
        assertEquals(List.of(9000), component.usage().usedOutsideRange());
        assertEquals(3, component.usage().free());
    }

    @Test
    public void theDefaultProbeBindsOnTheRelayAddress() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // Two ports that were free a moment ago and one held below them, which the pool tries first.
        int free1;
        int free2;
        try (ServerSocket a = new ServerSocket(0, 1, loopback); ServerSocket b = new ServerSocket(0, 1, loopback)) {
            free1 = a.getLocalPort();
            free2 = b.getLocalPort();
        }
        try (ServerSocket held = new ServerSocket(0, 1, loopback)) {
            int port = held.getLocalPort();
            PortAllocatorComponent component = new PortAllocatorComponent();
            component.bindRelaySettings(new FakeRelaySettings("127.0.0.1"));
            configure(component, port + "," + free1 + "," + free2);

            PortPair pair = component.allocatePair();
            assertEquals(Set.of(free1, free2), Set.of(pair.port1(), pair.port2()));
            assertFalse(component.isUsed(port));
            assertEquals(1, component.usage().free());
        }
    }

    @Test(expected = IllegalStateException.class)
    public void allocatingBeforeTheRelaySettingsAreBoundIsAnError() throws Exception {
        PortAllocatorComponent component = component();
        configure(component, "6000-6003");
        component.allocatePair();
    }
}
