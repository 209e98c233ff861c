package org.iofog.connector.group.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.hazelcast.core.HazelcastInstance;
import org.iofog.connector.api.group.MappingReplication;

/** Real Hazelcast members on 127.0.0.1, each with its own worker and in-memory relay, as in the connector. */
final class TwoMembers implements AutoCloseable {

    final class Node {
        final FakeReplica relay = new FakeReplica();
        final ExecutorService worker = Executors.newSingleThreadExecutor();
        final GroupSettings settings;
        HazelcastInstance member;
        JoinedGroup group;
        volatile MappingReplication replication;

        Node(GroupSettings settings) {
            this.settings = settings;
        }

        /** Joins the way the component does: start, then the first agreement, on the worker. */
        void join() throws Exception {
            Future<?> done = worker.submit(() -> {
                member = HazelcastMembers.start(settings, TwoMembers.class.getClassLoader());
                group = new JoinedGroup(settings, member, relay, worker, r -> {
                    replication = r;
                    return () -> replication = null;
                });
                group.joined();
            });
            done.get();
        }

        /** Like kill -9 of the process: no goodbye to the other members. */
        void kill() {
            member.getLifecycleService().terminate();
        }

        void reconcile() throws Exception {
            worker.submit(() -> group.reconcile("test")).get();
        }
    }

    final List<Node> nodes = new ArrayList<>();

    TwoMembers(String name) throws IOException {
        int[] ports = {freePort(), freePort()};
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
        for (int port : ports) {
            nodes.add(new Node(new GroupSettings(true, name, members, "127.0.0.1", port, 5)));
        }
    }

    Node a() {
        return nodes.get(0);
    }

    Node b() {
        return nodes.get(1);
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.member != null && node.member.getLifecycleService().isRunning()) {
                node.member.getLifecycleService().terminate();
            }
            node.worker.shutdownNow();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
