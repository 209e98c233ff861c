package org.iofog.connector.rest.internal;

import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code commandline}: what the {@code iofog-connector} command-line tool asks the running connector.
 * {@code stop} is taken only from the machine itself: anyone who can reach the API could otherwise shut the
 * connector down.
 */
final class CommandLineEndpoint implements Endpoint {

    static final String HELP = String.join("\n",
            "Usage: iofog-connector <command>",
            "",
            "Commands:",
            "  start                      start the connector",
            "  stop                       stop the connector",
            "  status                     show whether the connector runs, and its mappings and ports",
            "  version, -v, --version     show the version",
            "  help, -h, -?, --help       show this text");

    @JsonPropertyOrder({"response", "timestamp"})
    record Response(String response, long timestamp) {

        Response(String response) {
            this(response, System.currentTimeMillis());
        }
    }

    private final String version;
    private final Supplier<String> statusLine;
    private final Runnable stop;

    /**
     * @param statusLine the one-line health text of {@code status}
     * @param stop       shuts the connector down; called after the answer is sent
     */
    CommandLineEndpoint(String version, Supplier<String> statusLine, Runnable stop) {
        this.version = version;
        this.statusLine = statusLine;
        this.stop = stop;
    }

    @Override
    public Reply answer(FormBody form, Caller caller) throws ApiException {
        return switch (form.required("command").toLowerCase(Locale.ROOT)) {
            case "status" -> answer(statusLine.get());
            case "version", "-v", "--version" -> answer(versionText());
            case "stop" -> {
                if (!caller.address().isLoopbackAddress()) {
                    throw new ApiException(HttpResponseStatus.FORBIDDEN,
                            "stop is accepted only from the connector's own machine (a loopback address)");
                }
                yield answer("Stopping the ioFog Connector").then(stop);
            }
            default -> answer(HELP);
        };
    }

    String versionText() {
        return "ioFog Connector " + version + "\n"
                + "Apache Karaf " + System.getProperty("karaf.version", "(not in Karaf)") + ", Java "
                + Runtime.version();
    }

    private static Reply answer(String text) {
        return Reply.of(new Response(text));
    }
}
