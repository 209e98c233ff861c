package org.iofog.connector.api.group;

import java.util.List;
import java.util.Objects;

/**
 * The group as this member sees it.
 *
 * @param state              where this member stands
 * @param name               the group's name (members of another name never join)
 * @param members            the configured members and any other present one, this member first
 * @param replicatedMappings mappings in the group's table
 * @param problems           why this member is not ready (mappings it cannot open, a failed start); empty when
 *                           ready
 */
public record GroupStatus(State state, String name, List<GroupMember> members, int replicatedMappings,
                          List<String> problems) {

    public enum State {
        /** The group is switched off: the connector works alone, as without the group. */
        OFF,
        /** Joining, or opening the group's mappings here: not ready yet. */
        JOINING,
        /** Joined, and every mapping of the group is open here. */
        READY,
        /** Joined, but some mappings of the group cannot be opened here (see problems). */
        DEGRADED,
        /** The member could not start (see problems). */
        FAILED
    }

    public GroupStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        problems = List.copyOf(problems);
    }

    public static GroupStatus off() {
        return new GroupStatus(State.OFF, "", List.of(), 0, List.of());
    }

    /** Whether this member may take traffic as far as the group is concerned. */
    public boolean ready() {
        return state == State.OFF || state == State.READY;
    }

    public long presentMembers() {
        return members.stream().filter(GroupMember::present).count();
    }
}
