package org.iofog.connector.api.settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * PID {@code org.iofog.connector.relay}: how relay ports listen, how long they wait, and how public
 * clients from one source address are limited.
 *
 * @param bindAddress      address relay ports bind to (also where the allocator checks that a port is free)
 * @param authTimeout      how long a new agent connection may take to send its passcode
 * @param publicClientWait how long a public client waits for an idle agent connection
 * @param privateHoldBytes bytes held for an absent private-pipe peer before back-pressure
 * @param mappingsFile     where mappings are persisted ({@code configs.json} format)
 * @param sourceMaxShare   the share of a public mapping's {@code maxconnections} one source address may hold
 *                         at once, 0 &lt; share &lt;= 1; 0 for no limit
 * @param sourceMaxWaiting public clients one source address may have waiting for an agent connection on one
 *                         mapping; more are closed at once. 0 for no limit
 * @param agentSettleMin   the least time a newly authenticated public-pipe agent connection must stay quiet
 *                         before a client is paired with it (the settle time is longer for connections with a
 *                         slower handshake)
 */
public record RelaySettings(String bindAddress, Duration authTimeout, Duration publicClientWait,
                            int privateHoldBytes, Path mappingsFile, double sourceMaxShare, int sourceMaxWaiting,
                            Duration agentSettleMin) {

    public static final String PID = "org.iofog.connector.relay";
    public static final int DEFAULT_SOURCE_MAX_WAITING = 64;
    public static final Duration DEFAULT_AGENT_SETTLE_MIN = Duration.ofMillis(100);

    /** Settings with the default public-client limits and settle time. */
    public RelaySettings(String bindAddress, Duration authTimeout, Duration publicClientWait, int privateHoldBytes,
                         Path mappingsFile) {
        this(bindAddress, authTimeout, publicClientWait, privateHoldBytes, mappingsFile, 0,
                DEFAULT_SOURCE_MAX_WAITING, DEFAULT_AGENT_SETTLE_MIN);
    }

    /**
     * How many of a mapping's agent connections one source address may hold: all of them when the share
     * is off, else the share of {@code maxConnections} rounded down, but never less than one.
     */
    public int sourceCap(int maxConnections) {
        if (sourceMaxShare <= 0) {
            return maxConnections;
        }
        return Math.max(1, (int) Math.floor(sourceMaxShare * maxConnections));
    }
}
