package org.iofog.connector.relay.internal;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.epoll.internal.EpollRelayTransport;
import org.iofog.connector.transport.iouring.internal.IoUringRelayTransport;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;

/**
 * The transports whose native part loads here, as their bundles would register them: NIO always,
 * epoll and io_uring on Linux (their own bundles' tests fail where they should load and do not).
 */
final class TestTransports {

    private TestTransports() {
    }

    static List<RelayTransport> present() {
        List<RelayTransport> present = new ArrayList<>();
        present.add(new NioRelayTransport());
        if (Epoll.isAvailable()) {
            present.add(new EpollRelayTransport());
        }
        if (IoUring.isAvailable()) {
            present.add(new IoUringRelayTransport());
        }
        return present;
    }

    /** One JUnit parameter row per transport present, named by the transport. */
    static List<Object[]> parameters() {
        return present().stream().map(transport -> new Object[] {transport.name(), transport}).toList();
    }
}
