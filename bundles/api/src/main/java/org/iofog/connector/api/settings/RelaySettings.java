package org.iofog.connector.api.settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * PID {@code org.iofog.connector.relay}: how relay ports listen and how long they wait.
 *
 * @param bindAddress      address relay ports bind to (also where the allocator checks that a port is free)
 * @param authTimeout      how long a new agent connection may take to send its passcode
 * @param publicClientWait how long a public client waits for an idle agent connection
 * @param privateHoldBytes bytes held for an absent private-pipe peer before back-pressure
 * @param mappingsFile     where mappings are persisted ({@code configs.json} format)
 */
public record RelaySettings(String bindAddress, Duration authTimeout, Duration publicClientWait,
                            int privateHoldBytes, Path mappingsFile) {

    public static final String PID = "org.iofog.connector.relay";
}
