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
import java.util.Optional;
import java.util.Set;

import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.api.settings.PortSettingsProvider;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.junit.Test;

/** The component wired by hand, the way SCR calls it: bind, then updated on every configuration change. */
public class PortAllocatorComponentTest {

    /** Stands in for the config bundle's provider: {@code current()} answers whatever was set last. */
    static final class FakePortSettings implements PortSettingsProvider {
        volatile PortSettings current;

        FakePortSettings(String ports, String... exclude) {
            set(ports, exclude);
        }

        /** {@code ports} as in the settings file, ranges separated by commas. */
        void set(String ports, String... exclude) {
            List<PortRange> included = new ArrayList<>();
            for (String text : ports.split(",")) {
                included.add(PortRange.parse(text));
            }
            List<PortRange> excluded = new ArrayList<>();
            for (String text : exclude) {
                excluded.add(PortRange.parse(text));
            }
            current = new PortSettings(included, excluded);
        }

        @Override
        public PortSettings current() {
            return current;
        }

        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }
    }

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

    /** Records each probe built, and answers from {@link #busy}. */
    private PortAllocatorComponent component() {
        return new PortAllocatorComponent(address -> {
            probesMade.add(address);
            return port -> !busy.contains(port);
        });
    }

    @Test
    public void updatedPortSettingsChangeWhatIsAllocatedWithoutRecreatingTheComponent() throws Exception {
        FakePortSettings ports = new FakePortSettings("6000-6009");
        FakeRelaySettings relay = new FakeRelaySettings("0.0.0.0");
        PortAllocatorComponent component = component();
        component.bindPortSettings(ports);
        component.bindRelaySettings(relay);

        assertEquals(new PortPair(6000, 6001), component.allocatePair());

        ports.set("7000-7003", "7001");
        component.updatedPortSettings(ports);

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
        FakePortSettings ports = new FakePortSettings("6000-6003");
        FakeRelaySettings relay = new FakeRelaySettings("0.0.0.0");
        PortAllocatorComponent component = component();
        component.bindPortSettings(ports);
        component.bindRelaySettings(relay);
        PortPair pair = component.allocatePair();

        ports.set("6000-6003");           // a new but equal record, as after an unrelated property change
        component.updatedPortSettings(ports);
        relay.set("0.0.0.0", Duration.ofSeconds(99));
        component.updatedRelaySettings(relay);

        assertTrue(component.isUsed(pair.port1()));
        assertEquals(2, component.usage().free());
        assertEquals("same bind address, same probe", List.of("0.0.0.0"), probesMade);
    }

    @Test
    public void aNewBindAddressRebuildsTheProbe() throws Exception {
        FakePortSettings ports = new FakePortSettings("6000-6003");
        FakeRelaySettings relay = new FakeRelaySettings("0.0.0.0");
        PortAllocatorComponent component = component();
        component.bindPortSettings(ports);
        component.bindRelaySettings(relay);

        relay.set("127.0.0.1", Duration.ofSeconds(10));
        component.updatedRelaySettings(relay);
        assertEquals(List.of("0.0.0.0", "127.0.0.1"), probesMade);

        busy.add(6000);
        assertEquals(new PortPair(6001, 6002), component.allocatePair());
    }

    @Test
    public void reserveGoesThroughToThePool() {
        PortAllocatorComponent component = component();
        component.bindPortSettings(new FakePortSettings("6000-6003"));
        component.bindRelaySettings(new FakeRelaySettings("0.0.0.0"));

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
            component.bindPortSettings(new FakePortSettings(port + "," + free1 + "," + free2));
            component.bindRelaySettings(new FakeRelaySettings("127.0.0.1"));

            PortPair pair = component.allocatePair();
            assertEquals(Set.of(free1, free2), Set.of(pair.port1(), pair.port2()));
            assertFalse(component.isUsed(port));
            assertEquals(1, component.usage().free());
        }
    }

    @Test(expected = IllegalStateException.class)
    public void allocatingBeforeTheRelaySettingsAreBoundIsAnError() throws Exception {
        PortAllocatorComponent component = component();
        component.bindPortSettings(new FakePortSettings("6000-6003"));
        component.allocatePair();
    }
}
