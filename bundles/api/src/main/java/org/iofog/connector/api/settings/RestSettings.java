package org.iofog.connector.api.settings;

import java.time.Duration;

/**
 * PID {@code org.iofog.connector.rest}: where the REST API v2 listens.
 *
 * @param bindAddress  address the HTTP(S) server binds to
 * @param httpPort     plain HTTP port, used in dev mode
 * @param httpsPort    HTTPS port, used otherwise
 * @param apiToken     bearer token every request must carry; empty for none (the Controller sends none)
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param directWait   how long a direct rendezvous caller's data waits for the second caller before it is dropped
 * @param metricsPath  where {@code GET} answers the relay's counters as Prometheus text; empty when off
 */
public record RestSettings(String bindAddress, int httpPort, int httpsPort, String apiToken, int maxBodyBytes,
                           Duration directWait, String metricsPath) {

    public static final String PID = "org.iofog.connector.rest";

    /** The port in force for the given mode. */
    public int port(boolean dev) {
        return dev ? httpPort : httpsPort;
    }

    /** Never shows the token itself: settings end up in logs. */
    @Override
    public String toString() {
        return "RestSettings[bindAddress=" + bindAddress + ", httpPort=" + httpPort + ", httpsPort=" + httpsPort
                + ", apiToken=" + (apiToken.isEmpty() ? "none" : "set") + ", maxBodyBytes=" + maxBodyBytes
                + ", directWait=" + directWait + ", metricsPath=" + (metricsPath.isEmpty() ? "off" : metricsPath) + "]";
    }
}
