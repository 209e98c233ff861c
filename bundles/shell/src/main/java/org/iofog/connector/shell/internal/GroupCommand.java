package org.iofog.connector.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.iofog.connector.api.group.ConnectorGroup;
import org.iofog.connector.api.group.GroupMember;
import org.iofog.connector.api.group.GroupStatus;

/** The connector group as this member sees it: members, their state, the replicated mappings. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "group",
        description = "Shows the connector group: its members and whether each is present, this member's state,"
                + " the mappings in the group's table and what keeps this member from being ready")
public class GroupCommand extends ConnectorAction {

    @Reference(optional = true)
    ConnectorGroup group;

    @Override
    void run(PrintStream out) {
        lines(group == null ? null : group.status()).print(out);
    }

    /** @param status null when the group's bundle is not installed */
    static Lines lines(GroupStatus status) {
        Lines lines = new Lines();
        if (status == null) {
            return lines.add("Group", "not installed (feature:install iofog-connector-group)");
        }
        if (status.state() == GroupStatus.State.OFF) {
            return lines.add("Group", "off: this connector works alone (enabled = true in "
                    + Formats.configFile(ConnectorGroup.PID) + " makes it a member)");
        }
        lines.add("Group", status.name())
                .add("This member", status.state() + (status.ready() ? " (ready)" : " (not ready)"));
        boolean first = true;
        for (GroupMember member : status.members()) {
            lines.add(first ? "Members" : "", member.address() + (member.self() ? " this member" : "")
                    + (member.present() ? ", present" : ", absent"));
            first = false;
        }
        lines.add("Mappings", status.replicatedMappings() + " in the group's table");
        first = true;
        for (String problem : status.problems()) {
            lines.add(first ? "Problems" : "", problem);
            first = false;
        }
        return lines.add("Configured in", Formats.configFile(ConnectorGroup.PID));
    }

    /** One line for connector:status. */
    static String summary(GroupStatus status) {
        if (status == null) {
            return "not installed";
        }
        if (status.state() == GroupStatus.State.OFF) {
            return "off";
        }
        return status.name() + ": " + status.state() + ", " + status.presentMembers() + " of "
                + status.members().size() + " members present, " + status.replicatedMappings() + " mappings";
    }
}
