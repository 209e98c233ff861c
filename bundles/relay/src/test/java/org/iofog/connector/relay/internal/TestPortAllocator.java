package org.iofog.connector.relay.internal;

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

/** Hands out ports the kernel says are free on 127.0.0.1, and remembers which are in use. */
class TestPortAllocator implements PortAllocator {

    final Set<Integer> used = ConcurrentHashMap.newKeySet();
    volatile int limit = Integer.MAX_VALUE;

    @Override
    public PortPair allocatePair() throws NoAvailablePortsException {
        if (used.size() + 2 > limit) {
            throw new NoAvailablePortsException(2, Math.max(0, limit - used.size()));
        }
        return new PortPair(freePort(), freePort());
    }

    private int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (used.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void release(int port) {
        used.remove(port);
    }

    @Override
    public boolean reserve(int port) {
        return used.add(port);
    }

    @Override
    public boolean isUsed(int port) {
        return used.contains(port);
    }

    @Override
    public PortUsage usage() {
        return new PortUsage(List.of(), List.of(), 0, used.size(), List.of());
    }
}
