package org.iofog.connector.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.iofog.connector.api.ports.PortPair;
import org.iofog.connector.api.ports.PortRange;
import org.junit.Test;

/** Uses real sockets, on 127.0.0.1 only. */
public class BindingPortProbeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    public void aPortHeldByAServerSocketIsSkippedAndHandedOutOnceFree() throws Exception {
        // Three ports the system just gave out: the lowest stays held, so the pool (which lists ports
        // in ascending order) must probe it first and skip it.
        int[] ports = new int[3];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            Arrays.sort(ports);
            for (ServerSocket socket : sockets) {
                if (socket.getLocalPort() != ports[0]) {
                    socket.close();
                }
            }
            int held = ports[0];
            BindingPortProbe probe = new BindingPortProbe(LOOPBACK);
            assertFalse(probe.isFree(held));

            PortPool pool = new PortPool(
                    List.of(PortRange.single(ports[0]), PortRange.single(ports[1]), PortRange.single(ports[2])),
                    List.of());
            assertEquals(new PortPair(ports[1], ports[2]), pool.allocatePair(probe));
            assertFalse(pool.isUsed(held));
            assertEquals(1, pool.freeCount());

            for (ServerSocket socket : sockets) {
                socket.close();
            }
            assertTrue(probe.isFree(held));
            pool.release(ports[1]);
            assertEquals(new PortPair(held, ports[1]), pool.allocatePair(probe));
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    public void aPortInTimeWaitCountsAsFree() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            port = listener.getLocalPort();
            try (Socket client = new Socket(LOOPBACK, port); Socket accepted = listener.accept()) {
                // The side that closes first keeps the TIME_WAIT, and here that is the listening port.
                accepted.close();
                InputStream in = client.getInputStream();
                assertEquals(-1, in.read());
            }
        }
        assertTrue("a port in TIME_WAIT must count as free (the relay binds with SO_REUSEADDR)",
                new BindingPortProbe(LOOPBACK).isFree(port));
    }

    @Test
    public void closesWhatItBinds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            port = socket.getLocalPort();
        }
        BindingPortProbe probe = new BindingPortProbe(LOOPBACK);
        assertTrue(probe.isFree(port));
        assertTrue("the first check must not leave the port bound", probe.isFree(port));
        try (ServerSocket again = new ServerSocket(port, 1, LOOPBACK)) {
            assertEquals(port, again.getLocalPort());
        }
    }
}
