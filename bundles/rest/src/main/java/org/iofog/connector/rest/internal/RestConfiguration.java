package org.iofog.connector.rest.internal;

import static org.iofog.connector.support.settings.SettingChecks.atLeast;
import static org.iofog.connector.support.settings.SettingChecks.intAtLeast;
import static org.iofog.connector.support.settings.SettingChecks.port;
import static org.iofog.connector.support.settings.SettingChecks.read;

import java.time.Duration;

import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.support.settings.BindAddressCheck;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.iofog.connector.rest}: its properties, their defaults, and how they are checked. */
final class RestConfiguration {

    @ObjectClassDefinition(id = RestSettings.PID, name = "ioFog Connector REST API",
            description = "Where the Controller's REST API v2 listens")
    @interface Config {

        @AttributeDefinition(name = "Bind address", description = "Address the REST server binds to")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(name = "HTTP port", description = "Plain HTTP port, used in dev mode", min = "1",
                max = "65535")
        int http_port() default 8080;

        @AttributeDefinition(name = "HTTPS port", description = "HTTPS port, used when not in dev mode", min = "1",
                max = "65535")
        int https_port() default 443;

        @AttributeDefinition(name = "API token", type = AttributeType.PASSWORD, required = false,
                description = "Bearer token every request must carry; empty for none (the Controller sends none)")
        String api_token() default "";

        @AttributeDefinition(name = "Largest request body (bytes)",
                description = "Larger request bodies are answered 413", min = "1024")
        int max_body_bytes() default 65_536;

        @AttributeDefinition(name = "Direct rendezvous wait (ms)", min = "1000",
                description = "How long the first caller of /api/v2/direct is remembered while it waits for the"
                        + " second; older unanswered requests are dropped")
        long direct_wait_ms() default 60_000;

        @AttributeDefinition(name = "Metrics path", required = false,
                description = "Path where GET answers the relay's counters as Prometheus text (e.g. /metrics);"
                        + " empty for off")
        String metrics_path() default "";
    }

    private final BindAddressCheck bindAddress;
    /** No settings in force yet: the check takes an address this machine lacks with an ERROR line (see there). */
    private boolean first = true;

    /** Tests state the machine's addresses through the check instead of depending on the host's. */
    RestConfiguration(BindAddressCheck bindAddress) {
        this.bindAddress = bindAddress;
    }

    /** The settings in force for this PID, logged by {@code owner}. */
    LastGoodSettings<Config, RestSettings> lastGood(Class<?> owner) {
        return new LastGoodSettings<>(owner, RestSettings.PID, Config.class, this::settings);
    }

    /**
     * Turns a configuration into settings, or says which property is wrong. Settings it returns are put in
     * force, so the first one it returns ends the lenient first start of {@link BindAddressCheck}.
     */
    RestSettings settings(Config c, RawValues raw) throws InvalidSettingException {
        String token = read("api.token", c::api_token);
        RestSettings settings = new RestSettings(
                bindAddress.check("bind.address", read("bind.address", c::bind_address), first),
                port("http.port", raw.wholeNumber("http.port", c::http_port)),
                port("https.port", raw.wholeNumber("https.port", c::https_port)),
                token == null ? "" : token.strip(),
                intAtLeast("max.body.bytes", raw.wholeNumber("max.body.bytes", c::max_body_bytes), 1024),
                Duration.ofMillis(atLeast("direct.wait.ms", raw.wholeNumber("direct.wait.ms", c::direct_wait_ms),
                        1000)),
                metricsPath(read("metrics.path", c::metrics_path)));
        first = false;
        return settings;
    }

    /** Empty (off), or an absolute path outside the API's own {@code /api/}. */
    private static String metricsPath(String value) throws InvalidSettingException {
        String path = value == null ? "" : value.strip();
        if (path.isEmpty()) {
            return path;
        }
        if (!path.startsWith("/") || path.startsWith("/api/") || path.contains("?") || path.contains(" ")) {
            throw new InvalidSettingException("metrics.path", "\"" + path
                    + "\" is not a path like /metrics (it must start with / and not with /api/)");
        }
        return path;
    }
}
