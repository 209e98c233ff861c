package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Relay transports in the distribution: the native ones load inside Karaf, the configuration moves
 * a pipe in use from one to the other, and uninstalling the active transport's feature falls back to
 * NIO with the mappings intact.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportIT {

    private static final String TRANSPORT_PID = "org.iofog.connector.transport";
    /** io_uring's own configuration: its ranking. */
    private static final String IO_URING_PID = "org.iofog.connector.transport.io_uring";
    private static final String EPOLL_FEATURE = "iofog-connector-transport-epoll";
    private static final String IO_URING_FEATURE = "iofog-connector-transport-io-uring";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private MappingRegistry registry;

    @Inject
    private TransportStatusProvider transports;

    @Inject
    private FeaturesService features;

    private Configs configs;
    private Dictionary<String, Object> savedTransport;

    @Configuration
    public Option[] configuration() {
        return KarafOptions.karaf(KarafOptions.tarballUrl(), "iofog-connector-transports");
    }

    @Before
    public void save() throws IOException {
        configs = new Configs(configurationAdmin);
        savedTransport = configs.properties(TRANSPORT_PID);
    }

    @After
    public void restore() throws Exception {
        configs.restore(TRANSPORT_PID, savedTransport);
        configs.delete(IO_URING_PID);
        for (String feature : List.of(EPOLL_FEATURE, IO_URING_FEATURE)) {
            if (!features.isInstalled(features.getFeature(feature))) {
                features.installFeature(feature, EnumSet.noneOf(FeaturesService.Option.class));
            }
        }
        activeBecomes("epoll");
    }

    @Test
    public void theNativeTransportsLoadAndAutoPicksEpoll() {
        TransportStatus status = transports.transportStatus();
        assertEquals(List.of("epoll", "io_uring", "nio"), status.available());
        assertEquals("epoll", status.active());
        assertFalse("splice is off unless configured: " + status, status.splicing());
    }

    @Test
    public void spliceTurnedOnInDevModeOnEpollSplicesAndThePipeStillRelays() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(4, 0));
        try {
            configs.update(TRANSPORT_PID, Map.of("splice", "true"));
            Poll.until("the relay to splice", WAIT, () -> transports.transportStatus().splicing(), s -> s);
            pipeWorksForNewConnections(mapping);
        } finally {
            registry.remove(mapping.id());
        }
    }

    @Test
    public void aTransportsOwnRankingDecidesAutoWhileTheRelayRuns() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(4, 0));
        try {
            // As `config:property-set -p org.iofog.connector.transport.io_uring ranking 30` writes it: text.
            configs.update(IO_URING_PID, Map.of("ranking", "30"));
            activeBecomes("io_uring");
            assertEquals("ranked first now", List.of("io_uring", "epoll", "nio"), transports.transportStatus().available());
            pipeWorksForNewConnections(mapping);
            configs.delete(IO_URING_PID);
            activeBecomes("epoll");
            pipeWorksForNewConnections(mapping);
        } finally {
            registry.remove(mapping.id());
        }
    }

    @Test
    public void aConfigurationChangeMovesAPipeInUseWithoutDroppingIt() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(4, 0));
        try (Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1());
             Socket client = Agents.connect(mapping.port2())) {
            exchange(client, agent, "before");
            configs.update(TRANSPORT_PID, Map.of("transport", "io_uring"));
            activeBecomes("io_uring");
            // The connection opened on epoll keeps flowing there; epoll drains meanwhile.
            exchange(client, agent, "after-io_uring");
            assertTrue(transports.transportStatus().draining().stream().anyMatch(d -> d.name().equals("epoll")));
            pipeWorksForNewConnections(mapping);

            configs.update(TRANSPORT_PID, Map.of("transport", "nio"));
            activeBecomes("nio");
            exchange(client, agent, "after-nio");
            pipeWorksForNewConnections(mapping);
        } finally {
            registry.remove(mapping.id());
        }
    }

    @Test
    public void uninstallingTheActiveTransportFallsBackToNioWithTheMappingsIntact() throws Exception {
        Mapping mapping = registry.addPublic(new PublicPipeSpec(4, 0));
        try {
            pipeWorksForNewConnections(mapping);
            features.uninstallFeature(EPOLL_FEATURE, EnumSet.noneOf(FeaturesService.Option.class));
            activeBecomes("io_uring");
            pipeWorksForNewConnections(mapping);
            features.uninstallFeature(IO_URING_FEATURE, EnumSet.noneOf(FeaturesService.Option.class));
            activeBecomes("nio");
            assertEquals(List.of("nio"), transports.transportStatus().available());
            assertEquals("the mapping survived both uninstalls", mapping,
                    registry.status(mapping.id()).orElseThrow().mapping());
            pipeWorksForNewConnections(mapping);

            features.installFeature(EPOLL_FEATURE, EnumSet.noneOf(FeaturesService.Option.class));
            activeBecomes("epoll");
            pipeWorksForNewConnections(mapping);
        } finally {
            registry.remove(mapping.id());
        }
    }

    private void activeBecomes(String name) throws InterruptedException {
        Poll.until("the relay to run on " + name, WAIT, () -> transports.transportStatus().active(), name::equals);
    }

    /** A new agent connection and a new public client on the pipe's ports relay bytes both ways. */
    private static void pipeWorksForNewConnections(Mapping mapping) throws IOException {
        try (Socket agent = Agents.authenticate(mapping.port1(), mapping.passcodePort1());
             Socket client = Agents.connect(mapping.port2())) {
            exchange(client, agent, "fresh");
        }
    }

    private static void exchange(Socket client, Socket agent, String text) throws IOException {
        Agents.send(client, "ping-" + text);
        assertEquals("ping-" + text, Agents.read(agent, ("ping-" + text).length()));
        Agents.send(agent, "pong-" + text);
        assertEquals("pong-" + text, Agents.read(client, ("pong-" + text).length()));
    }
}
