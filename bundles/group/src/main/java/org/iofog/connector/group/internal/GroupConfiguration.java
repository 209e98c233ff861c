package org.iofog.connector.group.internal;

import static org.iofog.connector.support.settings.SettingChecks.host;
import static org.iofog.connector.support.settings.SettingChecks.intAtLeast;
import static org.iofog.connector.support.settings.SettingChecks.notBlank;
import static org.iofog.connector.support.settings.SettingChecks.port;
import static org.iofog.connector.support.settings.SettingChecks.read;

import java.util.ArrayList;
import java.util.List;

import org.iofog.connector.api.group.ConnectorGroup;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.iofog.connector.group}: its properties, their defaults, and how they are checked. */
final class GroupConfiguration {

    static final String PID = ConnectorGroup.PID;

    @ObjectClassDefinition(id = PID, name = "ioFog Connector group",
            description = "Connectors that share their mappings, so that any of them serves every mapping")
    @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Whether this connector is a member of a group; false: it works alone")
        boolean enabled() default false;

        @AttributeDefinition(name = "Group name", description = "Members of another name never join this group")
        String name() default "iofog-connector";

        @AttributeDefinition(name = "Members", required = false,
                description = "Every member's address, this one included: host or host:port, comma-separated")
        String[] members() default {};

        @AttributeDefinition(name = "Address", required = false,
                description = "This member's own address among the members; empty: picked among the machine's"
                        + " addresses. Set it when a floating address may be on this machine")
        String address() default "";

        @AttributeDefinition(name = "Port", description = "Port of this member's group listener")
        int port() default 5701;

        @AttributeDefinition(name = "Heartbeat timeout (s)",
                description = "How long a member that sends nothing (frozen, cut off) stays in the group", min = "2")
        int heartbeat_timeout_seconds() default 10;
    }

    private GroupConfiguration() {
    }

    static GroupSettings settings(Config c, RawValues raw) throws InvalidSettingException {
        boolean enabled = raw.bool("enabled", c::enabled);
        String name = notBlank("name", read("name", c::name)).trim();
        int port = port("port", raw.wholeNumber("port", c::port));
        List<String> members = new ArrayList<>();
        for (String member : read("members", c::members)) {
            for (String one : member.split(",")) {
                if (!one.isBlank()) {
                    members.add(member(one.trim(), port));
                }
            }
        }
        String address = read("address", c::address).trim();
        if (!address.isEmpty()) {
            address = host("address", address);
        }
        int timeout = intAtLeast("heartbeat.timeout.seconds",
                raw.wholeNumber("heartbeat.timeout.seconds", c::heartbeat_timeout_seconds), 2);
        return new GroupSettings(enabled, name, members, address, port, timeout);
    }

    /** host, host:port, an IPv6 literal, or [IPv6 literal]:port; as host:port ([IPv6]:port). */
    private static String member(String value, int defaultPort) throws InvalidSettingException {
        String host = value;
        String portText = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw new InvalidSettingException("members", "'" + value + "' is not [IPv6 address]:port");
            }
            host = value.substring(1, close);
            portText = close + 1 < value.length() ? value.substring(close + 2) : null;
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            portText = value.substring(value.indexOf(':') + 1);
        }
        host = host("members", host);
        long port = defaultPort;
        if (portText != null) {
            try {
                port = port("members", Long.parseLong(portText));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("members", "'" + value + "' has no port number after ':'");
            }
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
