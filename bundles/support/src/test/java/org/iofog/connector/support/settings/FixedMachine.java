package org.iofog.connector.support.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A machine with stated addresses and a name service that knows only the names it is told. */
public final class FixedMachine {

    private final Set<InetAddress> addresses;
    private final Map<String, InetAddress[]> names = new HashMap<>();

    private FixedMachine(String... addresses) {
        this.addresses = Arrays.stream(addresses).map(FixedMachine::literal).collect(Collectors.toSet());
    }

    /** Loopback (both families) and one TEST-NET-1 address. */
    public static FixedMachine typical() {
        return new FixedMachine("127.0.0.1", "::1", "192.0.2.2");
    }

    public FixedMachine withName(String name, String... resolvesTo) {
        names.put(name, Arrays.stream(resolvesTo).map(FixedMachine::literal).toArray(InetAddress[]::new));
        return this;
    }

    public BindAddressCheck check() {
        return new BindAddressCheck(() -> addresses, name -> {
            InetAddress[] resolved = names.get(name);
            if (resolved == null) {
                throw new UnknownHostException(name + ": Name or service not known");
            }
            return resolved;
        });
    }

    /** Literals only: no name service is asked. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
