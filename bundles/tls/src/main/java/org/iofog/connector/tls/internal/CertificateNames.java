package org.iofog.connector.tls.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names a generated certificate carries. The Controller (Node's checkServerIdentity) and the agents (Go's
 * crypto/tls) check the certificate against the Controller's {@code connector.domain}, which operators set to
 * whatever reaches this host: its address, its name, {@code localhost} on a single machine. So the certificate
 * names all of them, not only the configured {@code address}.
 */
final class CertificateNames {

    static final String LOCALHOST = "localhost";

    private CertificateNames() {
    }

    /**
     * In this order, without duplicates: {@code address} (the subject's common name, so first), this host's
     * names, {@code localhost}, this host's addresses, then {@code extraNames} ({@code self.signed.names}).
     * The wildcard addresses 0.0.0.0 and :: are left out wherever they come from: they mean "any address" to a
     * listener and name no host a client could check, so the host's name comes first instead.
     */
    static List<String> of(String address, HostNames host, List<String> extraNames) {
        // Keyed by what a client compares: the address's bytes, or the name ignoring case.
        Map<String, String> names = new LinkedHashMap<>();
        add(names, address);
        host.names().forEach(name -> add(names, name));
        add(names, LOCALHOST);
        for (InetAddress hostAddress : host.addresses()) {
            add(names, IpLiterals.text(hostAddress));
        }
        extraNames.forEach(name -> add(names, name));
        return new ArrayList<>(names.values());
    }

    private static void add(Map<String, String> names, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        Optional<InetAddress> ip = IpLiterals.parse(name);
        if (ip.isPresent()) {
            if (!ip.get().isAnyLocalAddress()) {
                String text = IpLiterals.text(ip.get());
                names.putIfAbsent("ip " + text, text);
            }
            return;
        }
        String host = name.strip();
        names.putIfAbsent("dns " + host.toLowerCase(Locale.ROOT), host);
    }
}
