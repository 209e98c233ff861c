package org.iofog.connector.support.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

/** Defect 4 of issue 15: a bind address this machine lacks made every mapping add answer 507. */
public class BindAddressCheckTest {

    private static final String TYPICAL_ADDRESSES = "(its addresses: 127.0.0.1, 192.0.2.2, ::1; 0.0.0.0 for all)";

    @Test
    public void loopbackWildcardsAndOwnAddressesAreAccepted() throws Exception {
        BindAddressCheck check = FixedMachine.typical().check();
        for (String address : List.of("127.0.0.1", "0.0.0.0", "::1", "::", "[::1]", "[::]", " 192.0.2.2 ")) {
            assertEquals(address.strip(), check.check("bind.address", address));
        }
    }

    @Test
    public void wildcardsNeedNoListOfAddresses() throws Exception {
        BindAddressCheck check = new BindAddressCheck(() -> {
            throw new AssertionError("the wildcard is fine on any machine");
        }, name -> {
            throw new AssertionError("no name to resolve");
        });
        assertEquals("0.0.0.0", check.check("bind.address", "0.0.0.0"));
        assertEquals("::", check.check("bind.address", "::"));
    }

    @Test
    public void aHostNameMustResolveToAnAddressOfThisMachine() throws Exception {
        BindAddressCheck check = FixedMachine.typical()
                .withName("edge-1.local", "192.0.2.2")
                .withName("elsewhere.example", "2001:db8::7", "198.51.100.7")
                .check();
        assertEquals("edge-1.local", check.check("bind.address", "edge-1.local"));

        InvalidSettingException elsewhere = assertThrows(InvalidSettingException.class,
                () -> check.check("bind.address", "elsewhere.example"));
        assertEquals("bind.address: elsewhere.example (198.51.100.7, 2001:db8::7) is not an address of"
                + " this machine " + TYPICAL_ADDRESSES, elsewhere.getMessage());

        InvalidSettingException unknown = assertThrows(InvalidSettingException.class,
                () -> check.check("bind.address", "nowhere"));
        assertEquals("bind.address: host name nowhere cannot be resolved (nowhere: Name or service not known)",
                unknown.getMessage());
    }

    @Test
    public void syntaxIsStillCheckedFirst() {
        InvalidSettingException bad = assertThrows(InvalidSettingException.class,
                () -> FixedMachine.typical().check().check("bind.address", "300.1.1.1"));
        assertEquals("bind.address: \"300.1.1.1\" is not an IP address or a host name", bad.getMessage());
    }

    @Test
    public void anAddressIsTakenWhenTheMachineCannotListItsOwn() throws Exception {
        BindAddressCheck check = new BindAddressCheck(() -> {
            throw new UncheckedIOException(new SocketException("no netlink"));
        }, name -> new InetAddress[0]);
        assertEquals("refusing would drop a setting that may well work", "10.99.99.99",
                check.check("bind.address", "10.99.99.99"));
    }

    @Test
    public void theSystemListsLoopback() throws Exception {
        assertTrue(new SystemLocalAddresses().addresses().contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    public void theBoundedLookupAnswersALiteral() throws Exception {
        BoundedHostLookup lookup = new BoundedHostLookup(Duration.ofSeconds(5));
        assertTrue(List.of(lookup.resolve("127.0.0.1")).contains(InetAddress.getByName("127.0.0.1")));
    }
}
