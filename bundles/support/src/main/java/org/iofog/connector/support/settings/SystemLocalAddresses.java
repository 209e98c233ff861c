package org.iofog.connector.support.settings;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The addresses of this machine's network interfaces, asked afresh at each call so that an address added
 * since the last configuration counts.
 *
 * <p>Interfaces that are down are included: an address assigned to such an interface can still be bound
 * (on Linux), and rejecting it would only trade one wrong answer for another.
 */
public final class SystemLocalAddresses implements LocalAddresses {

    @Override
    public Set<InetAddress> addresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
