package org.iofog.connector.group.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;

/** Starts this connector's embedded Hazelcast member as the group's settings say. */
final class HazelcastMembers {

    /**
     * Fewer partitions than Hazelcast's 271: the table holds hundreds of small entries, and each partition
     * costs memory and threads' work on every member. Every member must use the same number.
     */
    static final int PARTITIONS = 31;

    private HazelcastMembers() {
    }

    static Config config(GroupSettings s, ClassLoader loader) {
        Config config = new Config();
        // Hazelcast looks its own services up through this loader: in OSGi, that of this bundle.
        config.setClassLoader(loader);
        config.setClusterName(s.name());
        config.setInstanceName("iofog-connector-group-" + s.name() + "-" + s.port());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Karaf stops the bundle, which leaves the group; a JVM hook of its own would race with that.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A frozen or cut-off member is noticed after this, not after Hazelcast's 60 s.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(s.heartbeatTimeoutSeconds()));
        // A split group looks for its other half every 10 s, not every 2 to 5 minutes.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.partition.count", Integer.toString(PARTITIONS));
        config.setProperty("hazelcast.io.thread.count", "1");
        config.setProperty("hazelcast.event.thread.count", "1");
        config.setProperty("hazelcast.socket.bind.any", Boolean.toString(s.address().isEmpty()));

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(s.port()).setPortAutoIncrement(false);
        if (!s.address().isEmpty()) {
            // Never a floating address that happens to be on this machine now.
            network.setPublicAddress(hostPort(s.address(), s.port()));
            network.getInterfaces().setEnabled(true).addInterface(s.address());
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(s.members());

        for (String name : new String[] {GroupTable.MAPPINGS, GroupTable.PORTS, GroupTable.REMOVED}) {
            MapConfig map = new MapConfig(name).setBackupCount(1).setAsyncBackupCount(0);
            // After a split: keys only one side has are added, a key both have keeps the larger side's value.
            map.getMergePolicyConfig().setPolicy(PutIfAbsentMergePolicy.class.getName());
            config.addMapConfig(map);
        }
        return config;
    }

    /** Starts a member and waits until it has joined (or, finding no other member, formed) the group. */
    static HazelcastInstance start(GroupSettings s, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return Hazelcast.newHazelcastInstance(config(s, loader));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
