package org.iofog.connector.rest.internal;

import java.net.InetAddress;

/** Who sent a request, as the server saw it. */
record Caller(InetAddress address, String forwardedFor) {

    /** The caller's address as the Connector sees it, honouring {@code X-Forwarded-For} (first entry). */
    String remoteIp() {
        if (forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).strip();
            if (!first.isEmpty()) {
                return first;
            }
        }
        // No header, or one whose first entry is empty: the connection's own address.
        return address.getHostAddress();
    }
}
