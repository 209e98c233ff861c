package org.iofog.connector.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortUsage;

/**
 * Ports for the bench's relay: whatever the kernel picks as free on 127.0.0.1 (an ephemeral bind,
 * closed again at once), never one this allocator already handed out.
 */
final class LoopbackPortAllocator implements PortAllocator {

    private final Set<Integer> inUse = ConcurrentHashMap.newKeySet();

    @Override
    public PortPair allocatePair() {
        int first = take();
        return new PortPair(first, take());
    }

    private int take() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
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
