package org.iofog.connector.tls.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names and addresses by which peers on this host or its networks may know it: what an operator is likely to
 * give the Controller as the Connector's domain. Every look-up may fail (no DNS, no {@code /etc/hostname}, a
 * container without a name); a failure only leaves that name out, so that a certificate can always be made.
 */
final class HostNames {

    /** Where the names come from; the system's by default, a fixed one in tests. Any method may throw. */
    interface Source {

        /** {@code InetAddress.getLocalHost().getHostName()}. */
        String hostName() throws Exception;

        /** {@code InetAddress.getLocalHost().getCanonicalHostName()}: the fully qualified name, if DNS has one. */
        String canonicalHostName() throws Exception;

        /** The {@code HOSTNAME} environment variable. */
        String environmentHostName() throws Exception;

        /** The first line of {@code /etc/hostname}. */
        String hostnameFile() throws Exception;

        /** The addresses of the interfaces that are up. */
        List<InetAddress> interfaceAddresses() throws Exception;
    }

    /** The names of this machine. */
    static final Source SYSTEM = new Source() {
        @Override
        public String hostName() throws Exception {
            return InetAddress.getLocalHost().getHostName();
        }

        @Override
        public String canonicalHostName() throws Exception {
            return InetAddress.getLocalHost().getCanonicalHostName();
        }

        @Override
        public String environmentHostName() {
            return System.getenv("HOSTNAME");
        }

        @Override
        public String hostnameFile() throws Exception {
            Path file = Path.of("/etc/hostname");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    return line.strip();
                }
            }
            return null;
        }

        @Override
        public List<InetAddress> interfaceAddresses() throws SocketException {
            List<InetAddress> addresses = new ArrayList<>();
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                try {
                    if (network.isUp()) {
                        addresses.addAll(Collections.list(network.getInetAddresses()));
                    }
                } catch (SocketException e) {
                    // One interface that cannot be asked (gone meanwhile) does not hide the others.
                    LOG.debug("Interface {} left out of the certificate's names: {}", network.getName(),
                            e.getMessage());
                }
            }
            return addresses;
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(HostNames.class);

    /** The host names the settings accept too; anything else (a garbled variable) has no place in a certificate. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    private final Source source;

    HostNames(Source source) {
        this.source = source;
    }

    /** Host names, the short one first, without duplicates (ignoring case) nor IP addresses. */
    List<String> names() {
        Set<String> seen = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        addName(names, seen, "host name", source::hostName);
        addName(names, seen, "canonical host name", source::canonicalHostName);
        addName(names, seen, "HOSTNAME", source::environmentHostName);
        addName(names, seen, "/etc/hostname", source::hostnameFile);
        return names;
    }

    /**
     * The addresses of the interfaces that are up, loopback included, IPv4 and IPv6, without the wildcard and
     * without IPv6 link-local addresses: those (fe80::/10) exist on every link, so the same address names a
     * different host on each, and a client can only reach one with a zone ({@code %eth0}) that a certificate cannot
     * hold. Peers reach the Connector through its routable addresses or its names.
     */
    List<InetAddress> addresses() {
        List<InetAddress> found;
        try {
            found = source.interfaceAddresses();
        } catch (Exception e) {
            LOG.debug("This host's addresses left out of the certificate's names: {}", e.toString());
            return List.of();
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (InetAddress address : found == null ? List.<InetAddress>of() : found) {
            if (address == null || address.isAnyLocalAddress()
                    || address instanceof Inet6Address && address.isLinkLocalAddress()) {
                continue;
            }
            // Zones only exist on link-local addresses in practice; dropped all the same, as a name cannot hold one.
            addresses.add(withoutZone(address));
        }
        return new ArrayList<>(addresses);
    }

    private interface Lookup {
        String get() throws Exception;
    }

    private static void addName(List<String> names, Set<String> seen, String what, Lookup lookup) {
        String name;
        try {
            name = lookup.get();
        } catch (Exception e) {
            // Expected without DNS (getLocalHost throws UnknownHostException): not worth more than a debug line.
            LOG.debug("The {} left out of the certificate's names: {}", what, e.toString());
            return;
        }
        if (name == null || name.isBlank()) {
            return;
        }
        name = name.strip();
        // A canonical name that DNS could not find comes back as the address itself; addresses come from the
        // interfaces instead.
        if (IpLiterals.parse(name).isPresent()) {
            return;
        }
        if (name.length() > MAX_NAME_LENGTH || !HOST_NAME.matcher(name).matches()) {
            LOG.debug("The {} \"{}\" is not a host name; left out of the certificate's names", what, name);
            return;
        }
        if (seen.add(name.toLowerCase(Locale.ROOT))) {
            names.add(name);
        }
    }

    /** The same address without zone and without a host name attached, as a certificate holds it. */
    private static InetAddress withoutZone(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
