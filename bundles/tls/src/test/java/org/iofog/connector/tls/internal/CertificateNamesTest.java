package org.iofog.connector.tls.internal;

import static org.iofog.connector.tls.internal.FixedHostNames.address;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class CertificateNamesTest {

    private final FixedHostNames source = new FixedHostNames();

    @Test
    public void theAddressThenTheHostThenLocalhostThenItsAddressesThenTheConfiguredNames() {
        source.hostName = "vm";
        source.canonicalHostName = "vm.lab.example";
        source.addresses = List.of(address(127, 0, 0, 1), address(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
                address(192, 0, 2, 2));

        assertEquals(List.of("connector.lab.example", "vm", "vm.lab.example", "localhost", "127.0.0.1", "::1",
                "192.0.2.2", "edge.example", "10.9.8.7"),
                CertificateNames.of("connector.lab.example", new HostNames(source),
                        List.of("edge.example", "10.9.8.7")));
    }

    @Test
    public void namesAppearOnceWhateverTheirSpellingAndTheFirstSpellingStays() {
        source.hostName = "VM";
        source.addresses = List.of(address(127, 0, 0, 1), address(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));

        assertEquals(List.of("127.0.0.1", "VM", "localhost", "::1"),
                CertificateNames.of("127.0.0.1", new HostNames(source),
                        List.of("vm", "LOCALHOST", "[::1]", "0:0:0:0:0:0:0:1", " 127.0.0.1 ")));
    }

    @Test
    public void wildcardAddressesNameNothing() {
        source.hostName = "vm";

        for (String wildcard : List.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0")) {
            assertEquals(wildcard, List.of("vm", "localhost"),
                    CertificateNames.of(wildcard, new HostNames(source), List.of("0.0.0.0", "::")));
        }
    }

    @Test
    public void withoutDnsOrInterfacesTheCertificateStillNamesTheAddressAndLocalhost() {
        source.broken = true;

        assertEquals(List.of("10.0.0.5", "localhost"),
                CertificateNames.of("10.0.0.5", new HostNames(source), List.of()));
    }
}
