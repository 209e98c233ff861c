package org.iofog.connector.tls.internal;

import static org.iofog.connector.tls.internal.FixedHostNames.address;
import static org.iofog.connector.tls.internal.FixedHostNames.scoped;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class HostNamesTest {

    private static final int[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final int[] LINK_LOCAL = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0, 0xff, 0xfe, 0, 0, 1};
    private static final int[] ULA = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    private static final int[] WILDCARD_V6 = new int[16];

    private final FixedHostNames source = new FixedHostNames();

    @Test
    public void theShortNameComesFirstThenTheOtherNamesOnce() {
        source.hostName = "vm";
        source.canonicalHostName = "vm.lab.example";
        source.environmentHostName = "VM";
        source.hostnameFile = "edge-7";

        assertEquals(List.of("vm", "vm.lab.example", "edge-7"), new HostNames(source).names());
    }

    @Test
    public void aCanonicalNameThatIsAnAddressAndGarbledNamesAreLeftOut() {
        source.hostName = "vm";
        // What getCanonicalHostName answers when the reverse look-up finds nothing.
        source.canonicalHostName = "192.0.2.2";
        source.environmentHostName = "not a name";
        source.hostnameFile = "  ";

        assertEquals(List.of("vm"), new HostNames(source).names());
    }

    @Test
    public void allAddressesOfUpInterfacesButTheWildcardAndLinkLocalOnes() {
        source.addresses = new ArrayList<>(List.of(address(127, 0, 0, 1), address(LOOPBACK_V6),
                address(192, 0, 2, 2), address(ULA), scoped(2, ULA), scoped(2, LINK_LOCAL), address(0, 0, 0, 0),
                address(WILDCARD_V6), address(169, 254, 1, 1)));

        List<String> texts = new ArrayList<>();
        new HostNames(source).addresses().forEach(a -> texts.add(IpLiterals.text(a)));

        assertEquals(List.of("127.0.0.1", "::1", "192.0.2.2", "fd00::2", "169.254.1.1"), texts);
    }

    @Test
    public void failedLookUpsOnlyLeaveThingsOut() {
        source.broken = true;

        HostNames host = new HostNames(source);

        assertEquals(List.of(), host.names());
        assertEquals(List.of(), host.addresses());
    }
}
