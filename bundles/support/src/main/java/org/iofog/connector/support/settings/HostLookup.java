package org.iofog.connector.support.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What a host name stands for; an interface so that tests need no name service. */
@FunctionalInterface
public interface HostLookup {

    /**
     * @throws UnknownHostException when the name cannot be resolved, in time or at all; its message says which
     */
    InetAddress[] resolve(String hostName) throws UnknownHostException;
}
