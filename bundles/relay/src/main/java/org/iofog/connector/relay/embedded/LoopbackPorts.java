package org.iofog.connector.relay.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortUsage;

/**
 * Ports for an embedded relay: whatever the kernel picks as free on 127.0.0.1 (an ephemeral bind, closed again at
 * once), never one already handed out, so that runs on a shared machine do not need a range of their own.
 */
public class LoopbackPorts implements PortAllocator {

    /** The kernel offers a port this allocator holds only by chance; this many times in a row means it is stuck. */
    private static final int ATTEMPTS = 1_000;

    private final Set<Integer> inUse = ConcurrentHashMap.newKeySet();
    private volatile int limit = Integer.MAX_VALUE;

    /**
     * Lets only this many ports be in use at once: a pair beyond it is refused as the connector refuses it when
     * its ranges are used up ("No enough available ports").
     */
    public LoopbackPorts limit(int ports) {
        limit = ports;
        return this;
    }

    /** The ports handed out or reserved and not released yet, as a live set. */
    public Set<Integer> inUse() {
        return inUse;
    }

    @Override
    public PortPair allocatePair() throws NoAvailablePortsException {
        if (inUse.size() + 2 > limit) {
            throw new NoAvailablePortsException(2, Math.max(0, limit - inUse.size()));
        }
        int first = take();
        return new PortPair(first, take());
    }

    private int take() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port on 127.0.0.1", e);
            }
            if (inUse.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("the kernel kept offering ports already handed out");
    }

    @Override
    public void release(int port) {
        inUse.remove(port);
    }

    @Override
    public boolean reserve(int port) {
        return inUse.add(port);
    }

    @Override
    public boolean isUsed(int port) {
        return inUse.contains(port);
    }

    @Override
    public PortUsage usage() {
        return new PortUsage(List.of(), List.of(), 0, inUse.size(), List.of());
    }
}
