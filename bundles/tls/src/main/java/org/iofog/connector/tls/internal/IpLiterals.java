package org.iofog.connector.tls.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.bouncycastle.util.IPAddress;

/**
 * IP addresses written as text in certificate names: recognised without any name lookup, and written one way
 * so that {@code ::1} and {@code 0:0:0:0:0:0:0:1} are seen as the same name.
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * The address that {@code text} spells, if it is an IPv4 or IPv6 literal ({@code [::1]} as in URLs too).
     * A zone ({@code fe80::1%eth0}) is not accepted: a certificate has no place for it.
     */
    static Optional<InetAddress> parse(String text) {
        String bare = unbracket(text.strip());
        // Bouncy Castle checks the text only; InetAddress.getByName then cannot fall back to a DNS lookup.
        if (!IPAddress.isValid(bare)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Dotted IPv4, or IPv6 in the short form of RFC 5952 (lower case, longest zero run as "::"), no zone. */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups, the first one when runs tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** "[::1]" as written in URLs is the IPv6 address ::1. */
    static String unbracket(String name) {
        if (name.length() > 2 && name.startsWith("[") && name.endsWith("]")) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
