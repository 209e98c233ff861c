package org.iofog.connector.tls.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of key {@link SelfSignedGenerator} can make, by the text that selects them in the configuration. */
enum KeyType {
    EC_P256("ec-p256"),
    RSA_2048("rsa-2048"),
    RSA_3072("rsa-3072");

    private final String text;

    KeyType(String text) {
        this.text = text;
    }

    /** The configuration text of this type, such as {@code ec-p256}. */
    String text() {
        return text;
    }

    /**
     * The type named by a configuration value, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException when the text names no type; the message lists the allowed values
     */
    static KeyType parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no key type given; allowed: " + allowed());
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (KeyType type : values()) {
            if (type.text.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown key type \"" + text + "\"; allowed: " + allowed());
    }

    private static String allowed() {
        return Arrays.stream(values()).map(KeyType::text).collect(Collectors.joining(", "));
    }
}
