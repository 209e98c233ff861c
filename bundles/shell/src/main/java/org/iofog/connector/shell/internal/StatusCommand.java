package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortUsage;
import org.iofog.connector.api.rest.RestListenerStatus;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.api.settings.PortSettingsProvider;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.api.settings.RestSettingsProvider;
import org.iofog.connector.api.settings.SettingsProvider;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettingsProvider;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.iofog.connector.support.Versions;

/** One screen on the whole connector. Every service is optional: a part that is down shows as such. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "status",
        description = "Shows the connector's version, rejected settings, mode, transport, TLS, REST address, ports,"
                + " mappings and uptime")
public class StatusCommand extends ConnectorAction {

    static final String NOT_RUNNING = "not available (is its bundle running? bundle:list)";

    @Reference(optional = true)
    ConnectorSettingsProvider connectorSettings;

    @Reference(optional = true)
    RestSettingsProvider restSettings;

    @Reference(optional = true)
    PortSettingsProvider portSettings;

    @Reference(optional = true)
    RelaySettingsProvider relaySettings;

    @Reference(optional = true)
    TransportSettingsProvider transportSettings;

    @Reference(optional = true)
    TlsSettingsProvider tlsSettings;

    @Reference(optional = true)
    RestListenerStatus restListener;

    @Reference(optional = true)
    TransportStatusProvider transports;

    @Reference(optional = true)
    TlsContextProvider tls;

    @Reference(optional = true)
    PortAllocator allocator;

    @Reference(optional = true)
    RelayCountersProvider counters;

    @Override
    void run(PrintStream out) {
        Instant now = Instant.now();
        out.println("ioFog Connector " + version());
        Lines lines = new Lines();
        lines.add("Uptime", Formats.duration(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        lines.add("Settings", settings(problems()));
        Optional<Boolean> dev = connectorSettings == null ? Optional.empty()
                : Optional.of(connectorSettings.current().dev());
        boolean certificateLoaded = tls != null && tls.certificate().isPresent();
        lines.add("Dev mode", dev.map(d -> devMode(d, certificateLoaded)).orElse(NOT_RUNNING));
        if (restSettings != null && dev.isPresent()) {
            RestSettings rest = restSettings.current();
            lines.add("REST API", restApi(dev.get(), rest.bindAddress(), rest.port(dev.get()),
                    restListener == null ? null : restListener.listening()));
        } else {
            lines.add("REST API", NOT_RUNNING);
        }
        if (transports != null) {
            TransportStatus status = transports.transportStatus();
            lines.add("Transport", TransportCommand.describeActive(status));
            lines.add("Draining", TransportCommand.describeDraining(status, now));
        } else {
            lines.add("Transport", NOT_RUNNING);
        }
        if (tls != null) {
            lines.add("TLS engine", tls.engine());
            Optional<CertificateInfo> certificate = tls.certificate();
            if (certificate.isPresent()) {
                lines.add("Certificate", certificate.get().subject() + ", expires "
                        + Formats.expiry(certificate.get().notAfter(), now));
                tls.problem().ifPresent(p -> lines.add("TLS problem", p + " (the certificate above stays in use)"));
            } else {
                lines.add("Certificate", "no certificate: " + tls.problem().orElse("none loaded"));
            }
        } else {
            lines.add("TLS", NOT_RUNNING);
        }
        if (allocator != null) {
            PortUsage usage = allocator.usage();
            lines.add("Ports", usage.free() + " free, " + usage.used() + " used (" + Formats.ranges(usage.ranges())
                    + (usage.usedOutsideRange().isEmpty() ? "" : "; " + usage.usedOutsideRange().size()
                    + " in use outside the ranges") + ")");
        } else {
            lines.add("Ports", NOT_RUNNING);
        }
        if (counters != null) {
            RelayCounters relay = counters.counters();
            lines.add("Mappings", relay.publicMappings() + " " + Formats.type(MappingType.PUBLIC) + ", "
                    + relay.privateMappings() + " " + Formats.type(MappingType.PRIVATE) + ", "
                    + relay.directMappings() + " " + Formats.type(MappingType.DIRECT));
            lines.add("Connections", connections(relay));
            lines.add("Protection", protection(relay));
        } else {
            lines.add("Mappings", NOT_RUNNING);
        }
        lines.print(out);
    }

    /**
     * Why the latest configuration of each PID was rejected, by PID, for the settings providers that are there.
     * The other lines show the settings in force, which stay the last good ones, so a rejection shows only here.
     */
    private Map<String, Optional<String>> problems() {
        Map<String, Optional<String>> problems = new LinkedHashMap<>();
        addProblem(problems, ConnectorSettings.PID, connectorSettings);
        addProblem(problems, PortSettings.PID, portSettings);
        addProblem(problems, RelaySettings.PID, relaySettings);
        addProblem(problems, TransportSettings.PID, transportSettings);
        addProblem(problems, TlsSettings.PID, tlsSettings);
        addProblem(problems, RestSettings.PID, restSettings);
        return problems;
    }

    private static void addProblem(Map<String, Optional<String>> problems, String pid, SettingsProvider<?> provider) {
        if (provider != null) {
            problems.put(pid, provider.problem());
        }
    }

    /**
     * {@code all in force}, or each rejected configuration's file and reason:
     * {@code etc/org.iofog.connector.cfg rejected: dev: "yes" is not true or false (the last good settings stay
     * in force)}; {@link #NOT_RUNNING} when no settings provider is there.
     *
     * @param problems by PID, as {@link SettingsProvider#problem()} answers
     */
    static String settings(Map<String, Optional<String>> problems) {
        if (problems.isEmpty()) {
            return NOT_RUNNING;
        }
        String rejected = problems.entrySet().stream()
                .filter(entry -> entry.getValue().isPresent())
                .map(entry -> Formats.configFile(entry.getKey()) + " rejected: " + entry.getValue().get())
                .collect(Collectors.joining("; "));
        return rejected.isEmpty() ? "all in force" : rejected + " (the last good settings stay in force)";
    }

    /**
     * Where the REST API really listens: the settings can say one thing while a bind fails and is retried (then
     * nothing listens). A wildcard socket is shown with the configured host, as the operator wrote it.
     *
     * @param listening what the REST bundle reports; null when it is not there to ask
     */
    static String restApi(boolean dev, String host, int port, Optional<InetSocketAddress> listening) {
        String wanted = Formats.restUrl(dev, host, port);
        if (listening == null) {
            return wanted;
        }
        if (listening.isEmpty()) {
            return "not listening (" + wanted + " is configured; why is in karaf.log)";
        }
        InetSocketAddress bound = listening.get();
        String boundHost = bound.getAddress().isAnyLocalAddress() ? host : bound.getAddress().getHostAddress();
        return Formats.restUrl(dev, boundHost, bound.getPort());
    }

    /** In dev mode relay ports also take TLS when a certificate is loaded: the agent can only dial TLS. */
    static String devMode(boolean dev, boolean certificateLoaded) {
        if (!dev) {
            return "off (TLS on relay ports, HTTPS REST API)";
        }
        return certificateLoaded ? "on (relay ports take plain TCP and TLS, HTTP REST API)"
                : "on (no TLS: plain relay ports, HTTP REST API)";
    }

    static String connections(RelayCounters relay) {
        return relay.agentConnections() + " agent connections, " + relay.publicClients() + " public clients";
    }

    /** What the relay kept from clients and agents since it started (docs/protocol.md §3). */
    static String protection(RelayCounters relay) {
        return relay.agentBytesDropped() + " bytes from agents dropped before pairing, " + relay.sourceRefusals()
                + " public clients refused (source.max.waiting), " + relay.throttledAuthentications()
                + " wrong passcodes slowed down, " + relay.authFailures() + " agent connections rejected";
    }

    /** The Maven version of this bundle, which ships with the connector's feature. */
    static String version() {
        return Versions.of(StatusCommand.class);
    }
}
