package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.iofog.connector.relay.internal.Wire.closedWithin;
import static org.iofog.connector.relay.internal.Wire.send;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.Socket;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.junit.Rule;
import org.junit.Test;

/** The relay's counters follow what happens on its sockets, and read the same over JMX. */
public class RelayCountersTest {

    @Rule
    public final DevRelay dev = new DevRelay();

    private RelayCounters counters() {
        return dev.relay().counters.counters();
    }

    @Test
    public void gaugesAndTotalsFollowTraffic() throws Exception {
        Mapping pub = dev.relay().registry.addPublic(new PublicPipeSpec(2, 300));
        dev.relay().registry.addPrivate(new PrivatePipeSpec(1, 1, 0, 0));
        dev.relay().registry.addDirect();
        assertEquals(new RelayCounters(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), counters());

        try (Socket wrong = dev.relay().connect(pub.port1())) {
            send(wrong, "x".repeat(pub.passcodePort1().length()));
            assertTrue(closedWithin(wrong, 5_000));
        }
        Eventually.equal("auth failures", 1L, () -> counters().authFailures());

        try (Socket agent = agent(dev.relay(), pub.port1(), pub.passcodePort1());
             Socket client = dev.relay().connect(pub.port2())) {
            send(client, "hello");
            assertEquals("hello", Wire.readExactly(agent, 5, 5_000));
            Eventually.equal("agent and client connected", 2, () -> counters().agentConnections()
                    + counters().publicClients());
            assertEquals(1L, counters().agentsAuthenticated());
            assertEquals(5L, counters().bytesRelayed());
            // Then silence beyond the mapping's 300 ms heartbeat threshold: the relay closes the agent.
            assertTrue(closedWithin(agent, 5_000));
        }
        Eventually.equal("heartbeat timeouts", 1L, () -> counters().heartbeatTimeouts());
        Eventually.equal("connections after both left", 0, () -> counters().agentConnections()
                + counters().publicClients());
    }

    @Test
    public void refusedAddsForWantOfPortsAreCounted() {
        dev.relay().ports.limit(0);
        assertThrows(NoAvailablePortsException.class,
                () -> dev.relay().registry.addPublic(new PublicPipeSpec(1, 0)));
        assertEquals(1L, counters().allocationFailures());
    }

    @Test
    public void theMBeanReadsTheSameCounters() throws Exception {
        // Registered as Karaf's management whiteboard registers the service (OperationsIT reads it in Karaf).
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(RelayMetricsJmx.OBJECT_NAME);
        server.registerMBean(new RelayMetricsJmx(() -> dev.relay().counters.counters()), name);
        try {
            dev.relay().registry.addPublic(new PublicPipeSpec(1, 0));
            assertEquals(1, server.getAttribute(name, "PublicMappings"));
            assertEquals(0L, server.getAttribute(name, "AuthFailures"));
        } finally {
            server.unregisterMBean(name);
        }
    }
}
