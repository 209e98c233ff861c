package org.iofog.connector.relay.internal;

import static org.junit.Assert.assertEquals;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The transport manager follows the transports present and the settings: changes that arrive together make one
 * move, after the settle time, and a configured transport that is absent leaves the relay on the best present.
 * The transports here are NIO under other names, counting how often the relay built event loops on them.
 */
public class TransportManagerTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private TestRelay relay;
    private TransportManager manager;

    @After
    public void stop() {
        if (manager != null) {
            manager.stop();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    public void transportsArrivingTogetherMakeOneMoveToTheBest() throws Exception {
        NamedNio first = new NamedNio("first");
        NamedNio middle = new NamedNio("middle");
        NamedNio best = new NamedNio("best");
        start("auto", first);
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));

        manager.add(new TransportChoice.Candidate(middle, 5, 2));
        manager.add(new TransportChoice.Candidate(best, 10, 3));

        Eventually.equal("the transport running", "best", () -> manager.status().active());
        assertEquals("event loop groups built on the middle one: the relay never moved there", 0, middle.groups.get());
        assertEquals("acceptors and workers on the best one, once", 2, best.groups.get());
        assertEquals("the transports present, best first", List.of("best", "middle", "first"),
                manager.status().available());
        try (Socket agent = relay.connect(mapping.port1())) {
            Wire.send(agent, mapping.passcodePort1());
            assertEquals("the mapping's port moved along", Wire.AUTHORIZED, Wire.readExactly(agent, Wire.AUTHORIZED.length(), 5_000));
        }
    }

    @Test
    public void aConfiguredTransportThatIsAbsentLeavesTheRelayOnTheBestPresent() throws Exception {
        NamedNio worse = new NamedNio("worse");
        NamedNio better = new NamedNio("better");
        manager(new TransportSettings("absent", 2, 1, Duration.ofSeconds(30), true));
        manager.add(new TransportChoice.Candidate(worse, 0, 1));
        manager.add(new TransportChoice.Candidate(better, 1, 2));

        RelayTransport running = manager.start(relay.engine, () -> false);

        assertEquals(better, running);
        assertEquals("better", manager.status().active());
    }

    @Test
    public void aNewSettingMovesTheRelayToTheTransportItNames() throws Exception {
        NamedNio usual = new NamedNio("usual");
        NamedNio other = new NamedNio("other");
        start("auto", usual);
        manager.add(new TransportChoice.Candidate(other, -1, 2));
        assertEquals("usual", manager.status().active());

        relay.transportSettings = new TransportSettings("other", 2, 1, Duration.ofSeconds(30), true);
        manager.settingsChanged();

        Eventually.equal("the transport running", "other", () -> manager.status().active());
    }

    /** A relay on {@code first}, its transport followed by the manager under test. */
    private void start(String configured, NamedNio first) throws Exception {
        manager(new TransportSettings(configured, 2, 1, Duration.ofSeconds(30), true));
        manager.add(new TransportChoice.Candidate(first, 0, 1));
        manager.start(relay.engine, () -> false);
    }

    private void manager(TransportSettings settings) throws Exception {
        relay = TestRelay.plain(folder.getRoot().toPath());
        relay.transportSettings = settings;
        manager = new TransportManager(() -> relay.transportSettings);
    }

    /** NIO under another name; counts the event loop groups the relay asks it for. */
    private static final class NamedNio implements RelayTransport {

        private final RelayTransport nio = new NioRelayTransport();
        private final String name;
        final AtomicInteger groups = new AtomicInteger();

        NamedNio(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
            groups.incrementAndGet();
            return nio.newEventLoopGroup(threads, threadFactory);
        }

        @Override
        public Class<? extends ServerChannel> serverChannelType() {
            return nio.serverChannelType();
        }

        @Override
        public Class<? extends Channel> channelType() {
            return nio.channelType();
        }

        @Override
        public ChannelOption<Boolean> reusePortOption() {
            return nio.reusePortOption();
        }

        @Override
        public boolean supportsSplice() {
            return false;
        }
    }
}
