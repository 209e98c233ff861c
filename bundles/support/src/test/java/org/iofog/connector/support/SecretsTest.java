package org.iofog.connector.support;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SecretsTest {

    @Test
    public void equalOnlyWhenEveryByteIs() {
        assertTrue(Secrets.same("65a9808d-6ef4", "65a9808d-6ef4"));
        assertFalse(Secrets.same("65a9808d-6ef4", "65a9808d-6ef5"));
        assertFalse("a prefix is not the secret", Secrets.same("65a9808d-6ef4", "65a9808d"));
        assertFalse(Secrets.same("65a9808d-6ef4", ""));
        assertTrue("compared as UTF-8", Secrets.same("pässwörd", "pässwörd"));
        assertTrue(Secrets.same(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}));
        assertFalse(Secrets.same(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}));
    }

    @Test
    public void nullIsNeverASecret() {
        assertFalse(Secrets.same((String) null, null));
        assertFalse(Secrets.same("token", null));
        assertFalse(Secrets.same(null, "token"));
    }
}
