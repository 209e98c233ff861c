package org.iofog.connector.tls.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class KeyTypeTest {

    @Test
    public void parsesTheConfigurationTexts() {
        assertEquals(KeyType.EC_P256, KeyType.parse("ec-p256"));
        assertEquals(KeyType.RSA_2048, KeyType.parse("rsa-2048"));
        assertEquals(KeyType.RSA_3072, KeyType.parse("rsa-3072"));
    }

    @Test
    public void ignoresCaseAndSurroundingBlanks() {
        assertEquals(KeyType.EC_P256, KeyType.parse("EC-P256"));
        assertEquals(KeyType.RSA_2048, KeyType.parse(" Rsa-2048\t"));
    }

    @Test
    public void textIsTheConfigurationText() {
        for (KeyType type : KeyType.values()) {
            assertEquals(type, KeyType.parse(type.text()));
        }
        assertEquals("ec-p256", KeyType.EC_P256.text());
    }

    @Test
    public void unknownTypeNamesTheAllowedValues() {
        assertEquals("unknown key type \"dsa-1024\"; allowed: ec-p256, rsa-2048, rsa-3072",
                assertThrows(IllegalArgumentException.class, () -> KeyType.parse("dsa-1024")).getMessage());
        assertEquals("unknown key type \"EC_P256\"; allowed: ec-p256, rsa-2048, rsa-3072",
                assertThrows(IllegalArgumentException.class, () -> KeyType.parse("EC_P256")).getMessage());
        assertEquals("no key type given; allowed: ec-p256, rsa-2048, rsa-3072",
                assertThrows(IllegalArgumentException.class, () -> KeyType.parse(null)).getMessage());
    }
}
