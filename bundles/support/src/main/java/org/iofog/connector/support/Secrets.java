package org.iofog.connector.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparing secrets (passcodes, API tokens) in time that does not depend on where they first differ. */
public final class Secrets {

    private Secrets() {
    }

    /** Whether {@code given} is {@code expected}, compared as UTF-8 bytes in constant time; null is never equal. */
    public static boolean same(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return same(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the two byte arrays are equal, compared in constant time for arrays of equal length. */
    public static boolean same(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}
