package org.iofog.connector.relay.internal;

import static org.iofog.connector.support.settings.SettingChecks.atLeast;
import static org.iofog.connector.support.settings.SettingChecks.atMost;
import static org.iofog.connector.support.settings.SettingChecks.read;

import java.time.Duration;

import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.iofog.connector.transport}: its properties, their defaults, and how they are checked. */
final class TransportConfiguration {

    /** More threads than this is a typing mistake, not a machine. */
    private static final int MAX_THREADS = 1024;

    @ObjectClassDefinition(id = TransportSettings.PID, name = "ioFog Connector relay transport",
            description = "Which transport runs the relay's sockets; a change moves every relay port to it while"
                    + " running, and connections already open finish where they are")
    @interface Config {

        @AttributeDefinition(name = "Transport",
                description = "auto (the best one present by ranking: epoll, else io_uring, else NIO) or the name of"
                        + " a transport: nio, epoll, io_uring, or any other installed. One that is not present"
                        + " leaves the relay on the best one present, with a warning")
        String transport() default TransportSettings.AUTO;

        @AttributeDefinition(name = "I/O threads", min = "0",
                description = "Event loop threads for relayed connections; 0 for one per core")
        int io_threads() default 0;

        @AttributeDefinition(name = "Accept threads", min = "1",
                description = "Event loop threads accepting connections on every relay port")
        int accept_threads() default 1;

        @AttributeDefinition(name = "Drain deadline (ms)", min = "0",
                description = "After a swap, how long connections on the previous transport may go on before the"
                        + " remaining ones are closed")
        long drain_deadline_ms() default 300_000;

        @AttributeDefinition(name = "Splice",
                description = "In dev mode on the epoll transport, move public clients' bytes to their agent"
                        + " connection inside the kernel. Off by default: it gained nothing in throughput and"
                        + " cost latency where it was measured")
        boolean splice() default false;
    }

    private TransportConfiguration() {
    }

    /** The settings in force for this PID, logged by {@code owner}. */
    static LastGoodSettings<Config, TransportSettings> lastGood(Class<?> owner) {
        return new LastGoodSettings<>(owner, TransportSettings.PID, Config.class, TransportConfiguration::settings);
    }

    /** Turns a configuration into settings, or says which property is wrong. */
    static TransportSettings settings(Config c, RawValues raw) throws InvalidSettingException {
        return new TransportSettings(
                transport(read("transport", c::transport)),
                threads("io.threads", raw.wholeNumber("io.threads", c::io_threads), 0),
                threads("accept.threads", raw.wholeNumber("accept.threads", c::accept_threads), 1),
                Duration.ofMillis(atLeast("drain.deadline.ms",
                        raw.wholeNumber("drain.deadline.ms", c::drain_deadline_ms), 0)),
                raw.bool("splice", c::splice));
    }

    /** {@code auto} or a well-formed transport name; whether it is present is the relay's concern. */
    private static String transport(String value) throws InvalidSettingException {
        return TransportSettings.transportName(value).orElseThrow(() -> new InvalidSettingException("transport",
                "\"" + (value == null ? "" : value.strip()) + "\" is not a transport name (auto, or a name such as"
                        + " nio, epoll or io_uring: letters, digits and _)"));
    }

    /** A thread count from {@code minimum} to {@link #MAX_THREADS}. */
    private static int threads(String property, long value, int minimum) throws InvalidSettingException {
        return (int) atMost(property, atLeast(property, value, minimum), MAX_THREADS);
    }
}
