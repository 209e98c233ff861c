package org.iofog.connector.tls.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A {@link HostNames.Source} that answers what a test gives it, or throws as a machine without DNS does. */
final class FixedHostNames implements HostNames.Source {

    String hostName;
    String canonicalHostName;
    String environmentHostName;
    String hostnameFile;
    List<InetAddress> addresses = new ArrayList<>();
    boolean broken;

    @Override
    public String hostName() throws UnknownHostException {
        return answer(hostName);
    }

    @Override
    public String canonicalHostName() throws UnknownHostException {
        return answer(canonicalHostName);
    }

    @Override
    public String environmentHostName() throws UnknownHostException {
        return answer(environmentHostName);
    }

    @Override
    public String hostnameFile() throws UnknownHostException {
        return answer(hostnameFile);
    }

    @Override
    public List<InetAddress> interfaceAddresses() throws UnknownHostException {
        answer(null);
        return addresses;
    }

    private String answer(String value) throws UnknownHostException {
        if (broken) {
            throw new UnknownHostException("vm: Name or service not known");
        }
        return value;
    }

    /** An address from its bytes, without any look-up. */
    static InetAddress address(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An IPv6 address with a zone, as the JDK reports link-local addresses of an interface. */
    static InetAddress scoped(int scopeId, int... bytes) {
        try {
            return Inet6Address.getByAddress(null, address(bytes).getAddress(), scopeId);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
