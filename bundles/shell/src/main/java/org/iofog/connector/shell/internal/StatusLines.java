package org.iofog.connector.shell.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortUsage;
import org.iofog.connector.api.rest.RestListenerStatus;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.api.settings.RestSettingsProvider;
import org.iofog.connector.api.settings.SettingsProvider;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.transport.TransportStatus;
import org.iofog.connector.api.transport.TransportStatusProvider;

/**
 * The sections of connector:status, one per part of the connector. A part whose service is not there (null) shows
 * as {@link #NOT_RUNNING} instead of its figures.
 */
final class StatusLines {

    static final String NOT_RUNNING = "not available (is its bundle running? bundle:list)";

    private StatusLines() {
    }

    /** Dev mode, and where the REST API listens: both follow the connector's dev setting. */
    static void mode(Lines lines, ConnectorSettingsProvider connector, boolean certificateLoaded,
                     RestSettingsProvider restSettings, RestListenerStatus restListener) {
        if (connector == null) {
            lines.add("Dev mode", NOT_RUNNING).add("REST API", NOT_RUNNING);
            return;
        }
        boolean dev = connector.current().dev();
        lines.add("Dev mode", devMode(dev, certificateLoaded));
        if (restSettings == null) {
            lines.add("REST API", NOT_RUNNING);
            return;
        }
        RestSettings rest = restSettings.current();
        lines.add("REST API", restApi(dev, rest.bindAddress(), rest.port(dev),
                restListener == null ? null : restListener.listening()));
    }

    static void transport(Lines lines, TransportStatusProvider transports, Instant now) {
        if (transports == null) {
            lines.add("Transport", NOT_RUNNING);
            return;
        }
        TransportStatus status = transports.transportStatus();
        lines.add("Transport", TransportLines.describeActive(status))
                .add("Draining", TransportLines.describeDraining(status, now));
    }

    static void tls(Lines lines, TlsContextProvider tls, Instant now) {
        if (tls == null) {
            lines.add("TLS", NOT_RUNNING);
            return;
        }
        lines.add("TLS engine", tls.engine());
        Optional<CertificateInfo> certificate = tls.certificate();
        if (certificate.isPresent()) {
            lines.add("Certificate", certificate.get().subject() + ", expires "
                    + Formats.expiry(certificate.get().notAfter(), now));
            tls.certificateProblem().ifPresent(p -> lines.add("TLS problem", p + " (the certificate above stays in use)"));
        } else {
            lines.add("Certificate", "no certificate: " + tls.certificateProblem().orElse("none loaded"));
        }
    }

    static void ports(Lines lines, PortAllocator allocator) {
        if (allocator == null) {
            lines.add("Ports", NOT_RUNNING);
            return;
        }
        PortUsage usage = allocator.usage();
        lines.add("Ports", usage.free() + " free, " + usage.used() + " used (" + Formats.ranges(usage.ranges())
                + (usage.usedOutsideRange().isEmpty() ? "" : "; " + usage.usedOutsideRange().size()
                + " in use outside the ranges") + ")");
    }

    static void relay(Lines lines, RelayCountersProvider counters) {
        if (counters == null) {
            lines.add("Mappings", NOT_RUNNING);
            return;
        }
        RelayCounters relay = counters.counters();
        lines.add("Mappings", relay.publicMappings() + " " + MappingFormats.type(MappingType.PUBLIC) + ", "
                        + relay.privateMappings() + " " + MappingFormats.type(MappingType.PRIVATE) + ", "
                        + relay.directMappings() + " " + MappingFormats.type(MappingType.DIRECT))
                .add("Connections", connections(relay))
                .add("Protection", protection(relay));
    }

    /** Adds why the latest configuration of {@code pid} was rejected, when its settings provider is there. */
    static void addProblem(Map<String, Optional<String>> problems, String pid, SettingsProvider<?> provider) {
        if (provider != null) {
            problems.put(pid, provider.problem());
        }
    }

    /**
     * {@code all in force}, or each rejected configuration's file and reason:
     * {@code etc/org.iofog.connector.cfg rejected: dev: "yes" is not true or false (the last good settings stay
     * in force)}; {@link #NOT_RUNNING} when no settings provider is there. The other lines show the settings in
     * force, which stay the last good ones, so a rejection shows only here.
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
}
