package org.iofog.connector.tls.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.net.InetAddress;

import org.junit.Test;

public class IpLiteralsTest {

    @Test
    public void literalsAreRecognisedAndNamesAreNot() {
        assertEquals("127.0.0.1", text("127.0.0.1"));
        assertEquals("::1", text("[::1]"));
        assertEquals("::1", text("0:0:0:0:0:0:0:1"));
        assertFalse(IpLiterals.parse("localhost").isPresent());
        assertFalse(IpLiterals.parse("10.0.0.1.example").isPresent());
        assertFalse("a zone has no place in a certificate", IpLiterals.parse("fe80::1%eth0").isPresent());
    }

    @Test
    public void ipv6IsWrittenInItsShortForm() {
        assertEquals("::", text("0:0:0:0:0:0:0:0"));
        assertEquals("fd00::2", text("FD00:0:0:0:0:0:0:2"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        assertEquals("1:0:0:2::3", text("1:0:0:2:0:0:0:3"));
        assertEquals("single zero groups stay", "2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("1::", text("1:0:0:0:0:0:0:0"));
    }

    private static String text(String literal) {
        InetAddress address = IpLiterals.parse(literal).orElseThrow(() -> new AssertionError(literal));
        return IpLiterals.text(address);
    }
}
