package org.iofog.connector.group.internal;

import java.util.List;

/**
 * The validated settings of PID {@code org.iofog.connector.group}.
 *
 * @param enabled                 whether this connector is a member of a group; off: it works alone
 * @param name                    the group's name: members of another name never join it
 * @param members                 host:port of every member's group listener, this one included
 * @param address                 this member's own address in the group; empty: Hazelcast picks one
 * @param port                    the port of this member's group listener
 * @param heartbeatTimeoutSeconds how long a silent member stays in the group
 */
record GroupSettings(boolean enabled, String name, List<String> members, String address, int port,
                     int heartbeatTimeoutSeconds) {

    GroupSettings {
        members = List.copyOf(members);
    }

    @Override
    public String toString() {
        return enabled ? "group " + name + ", members " + members + ", this member "
                + (address.isEmpty() ? "" : address) + ":" + port + ", heartbeat timeout "
                + heartbeatTimeoutSeconds + " s" : "group off";
    }
}
