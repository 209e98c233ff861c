package org.iofog.connector.api.transport;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Chooses the transport the relay runs on, as an operator does at the console. The choice is stored as the
 * {@code transport} setting of Config Admin PID {@code org.iofog.connector.transport}; the other properties of
 * that configuration stay as they are. The relay follows the setting in the background: it moves its ports to
 * the chosen transport, or, while no transport of that name is registered, keeps to the best one present.
 *
 * <p>Published by the bundle that owns that configuration, so that a command or any other caller never writes
 * Config Admin itself (as Karaf's {@code LogService.setLevel} writes the logging configuration for
 * {@code log:set}).
 */
@ProviderType
public interface TransportSelection {

    /**
     * Stores the choice and returns at once; {@link TransportStatusProvider} tells when the relay has moved.
     *
     * @param name {@code auto} (the best present) or a transport's name; case and {@code -} for {@code _} do not
     *             matter ({@code IO-URING} is {@code io_uring}), see
     *             {@link org.iofog.connector.api.settings.TransportSettings#transportName(String)}
     * @return the value stored, as the settings spell it ({@code io_uring})
     * @throws IllegalArgumentException when the text cannot be a transport's name
     * @throws IOException              when the choice cannot be stored (Config Admin is not there, or fails to
     *                                  persist it); the message is written for the operator
     */
    String select(String name) throws IOException;
}
