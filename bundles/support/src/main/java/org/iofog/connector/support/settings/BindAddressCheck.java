package org.iofog.connector.support.settings;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code bind.address} must be one this machine has. Otherwise every bind fails: the relay answers each
 * mapping add with 507 (no free ports) while its status shows free ports, and the Controller takes the
 * connector for full. Rejecting the address keeps the last good settings and names the problem instead.
 *
 * <p>The wildcards ({@code 0.0.0.0}, {@code ::}) are always accepted. A host name is accepted when one of
 * the addresses it resolves to is this machine's. Names are resolved, within a time limit, rather than
 * refused: the relay and the REST server resolve the same name when they bind, so a name that resolves
 * now works then, and configurations that use names keep working.
 */
public final class BindAddressCheck {

    /** Long enough for a slow but working name service; short enough not to stall configuration delivery. */
    public static final Duration LOOKUP_LIMIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(BindAddressCheck.class);

    private final LocalAddresses localAddresses;
    private final HostLookup lookup;

    public BindAddressCheck(LocalAddresses localAddresses, HostLookup lookup) {
        this.localAddresses = localAddresses;
        this.lookup = lookup;
    }

    /** This machine's interfaces and the system's name service. */
    public static BindAddressCheck system() {
        return new BindAddressCheck(new SystemLocalAddresses(), new BoundedHostLookup(LOOKUP_LIMIT));
    }

    /** @return the address as written (trimmed), once it is known to be bindable here */
    public String check(String property, String value) throws InvalidSettingException {
        return check(property, value, false);
    }

    /**
     * @param first the configuration's first settings, with no earlier good ones to keep: an address this
     *              machine lacks is then taken with an ERROR line instead of rejected, because rejecting would
     *              put the built-in 0.0.0.0 in force, listening on every interface, wider than the operator
     *              asked (an address that DHCP or a container network has not given yet at boot, say). Ports on
     *              it fail to listen, and say so, until it is there or fixed.
     * @return the address as written (trimmed)
     */
    public String check(String property, String value, boolean first) throws InvalidSettingException {
        String host = SettingChecks.host(property, value);
        InetAddress[] candidates = candidates(property, host);
        if (Arrays.stream(candidates).anyMatch(InetAddress::isAnyLocalAddress)) {
            return host;
        }
        Set<InetAddress> local;
        try {
            local = localAddresses.addresses();
        } catch (UncheckedIOException e) {
            // Without the list nothing can be told either way; refusing would drop a working setting.
            LOG.warn("{}: cannot list this machine's addresses to check {} ({}); taking it as it is",
                    property, host, e.getCause().getMessage());
            return host;
        }
        if (Arrays.stream(candidates).anyMatch(local::contains)) {
            return host;
        }
        String resolved = isLiteral(host) ? "" : " (" + listed(Set.of(candidates)) + ")";
        String problem = host + resolved + " is not an address of this machine (its addresses: " + listed(local)
                + "; 0.0.0.0 for all)";
        if (first) {
            LOG.error("{}: {}. Taken all the same, as there is no earlier setting to keep and 0.0.0.0 would listen"
                    + " on every interface: nothing listens on it until the address is there or fixed", property,
                    problem);
            return host;
        }
        throw new InvalidSettingException(property, problem);
    }

    /** A literal is parsed without any lookup; a name is resolved within {@link #LOOKUP_LIMIT}. */
    private InetAddress[] candidates(String property, String host) throws InvalidSettingException {
        try {
            if (isLiteral(host)) {
                // InetAddress parses a literal without asking the name service.
                return new InetAddress[] {InetAddress.getByName(bare(host))};
            }
            return lookup.resolve(host);
        } catch (UnknownHostException e) {
            throw new InvalidSettingException(property, "host name " + host + " cannot be resolved ("
                    + e.getMessage() + ")");
        }
    }

    private static boolean isLiteral(String host) {
        return SettingChecks.isAddressLiteral(host);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** IPv4 before IPv6, each in text order, so that the message reads the same every time. */
    private static String listed(Set<InetAddress> addresses) {
        return addresses.stream()
                .map(address -> address instanceof Inet4Address ? address.getHostAddress() : shortIpv6(address))
                .sorted(Comparator.comparing((String a) -> a.contains(":") ? 1 : 0).thenComparing(a -> a))
                .collect(Collectors.joining(", "));
    }

    /**
     * The usual short form ({@code ::1}, {@code fe80::1%eth0}): Java writes every group
     * ({@code 0:0:0:0:0:0:0:1}), which is hard to compare with what an operator types.
     */
    private static String shortIpv6(InetAddress address) {
        String full = address.getHostAddress();
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays as it is
        for (int i = 0; i < groups.length; i++) {
            int length = 0;
            while (i + length < groups.length && groups[i + length].equals("0")) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups) + scope;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail + scope;
    }
}
