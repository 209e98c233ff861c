package org.iofog.connector.relay.internal;

import static org.iofog.connector.relay.internal.Wire.agent;
import static org.junit.Assert.assertEquals;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * 100 MiB through a public and a private pipe, checksummed at the far end, in dev mode and with TLS,
 * on every transport present (in dev mode on epoll, a public client's bytes are spliced).
 */
@RunWith(Parameterized.class)
public class RelayIntegrityTest {

    private static final long SIZE = 100L * 1024 * 1024;

    @Parameters(name = "{0} on {1}")
    public static List<Object[]> modes() {
        List<Object[]> modes = new ArrayList<>();
        for (RelayTransport transport : TestTransports.present()) {
            modes.add(new Object[] {"dev", transport.name(), transport});
            modes.add(new Object[] {"tls-openssl", transport.name(), transport});
        }
        modes.add(new Object[] {"tls-jdk", "nio", new NioRelayTransport()});
        return modes;
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** The TLS engine of the relay ports; null in dev mode. */
    private final SslProvider tls;
    private final RelayTransport transport;
    private TestRelay relay;

    public RelayIntegrityTest(String mode, String transportName, RelayTransport transport) {
        this.transport = transport;
        this.tls = switch (mode) {
            case "tls-jdk" -> SslProvider.JDK;
            case "tls-openssl" -> SslProvider.OPENSSL;
            default -> null;
        };
    }

    @Before
    public void start() throws Exception {
        relay = tls != null ? TestRelay.withTls(folder.getRoot().toPath(), tls, transport)
                : TestRelay.plain(folder.getRoot().toPath(), transport);
    }

    @After
    public void stop() {
        relay.close();
    }

    @Test
    public void publicPipeCarries100MiBIntactBothWays() throws Exception {
        Mapping mapping = relay.registry.addPublic(new PublicPipeSpec(1, 0));
        try (Socket agent = agent(relay, mapping.port1(), mapping.passcodePort1());
             Socket client = relay.connect(mapping.port2())) {
            transfer(client, agent, SIZE, 1);
            transfer(agent, client, SIZE / 4, 2);
        }
        var status = relay.registry.status(mapping.id()).orElseThrow();
        assertEquals(SIZE, status.bytesPort2ToPort1());
        assertEquals(SIZE / 4, status.bytesPort1ToPort2());
    }

    @Test
    public void privatePipeCarries100MiBIntactBothWays() throws Exception {
        Mapping mapping = relay.registry.addPrivate(new PrivatePipeSpec(1, 1, 0, 0));
        try (Socket a = agent(relay, mapping.port1(), mapping.passcodePort1());
             Socket b = agent(relay, mapping.port2(), mapping.passcodePort2())) {
            transfer(a, b, SIZE, 3);
            transfer(b, a, SIZE / 4, 4);
        }
    }

    private static void transfer(Socket from, Socket to, long size, long seed) throws Exception {
        to.setSoTimeout(30_000);
        CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
            try {
                return Streams.receive(to.getInputStream(), size);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long sent = Streams.sendRandom(from.getOutputStream(), size, seed);
        assertEquals("checksum at the far end", sent, (long) received.get(60, TimeUnit.SECONDS));
    }
}
