package org.iofog.connector.api.group;

/**
 * One member of the group as this member sees it.
 *
 * @param address host:port of its group listener
 * @param self    whether it is this member
 * @param present whether it is in the group now (a configured member that is down or unreachable is not)
 */
public record GroupMember(String address, boolean self, boolean present) {
}
