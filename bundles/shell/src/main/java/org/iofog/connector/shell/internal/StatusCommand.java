package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.iofog.connector.api.group.ConnectorGroup;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.rest.RestListenerStatus;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.PortSettings;
import org.iofog.connector.api.settings.PortSettingsProvider;
import org.iofog.connector.api.settings.RelaySettings;
import org.iofog.connector.api.settings.RelaySettingsProvider;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.api.settings.RestSettingsProvider;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettingsProvider;
import org.iofog.connector.api.settings.TransportSettings;
import org.iofog.connector.api.settings.TransportSettingsProvider;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.iofog.connector.support.Versions;

/** One screen on the whole connector. Every service is optional: a part that is down shows as such. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "status",
        description = "Shows the connector's version, rejected settings, mode, transport, TLS, REST address, ports,"
                + " mappings, group and uptime")
public class StatusCommand extends ConnectorAction {

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
    @Reference(optional = true)
    ConnectorGroup group;

    @Override
    void run(PrintStream out) {
        Instant now = Instant.now();
        out.println("ioFog Connector " + Versions.of(StatusCommand.class));
        Lines lines = new Lines()
                .add("Uptime", Formats.duration(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())))
                .add("Settings", StatusLines.settings(problems()));
        StatusLines.mode(lines, connectorSettings, tls != null && tls.certificate().isPresent(), restSettings,
                restListener);
        StatusLines.transport(lines, transports, now);
        StatusLines.tls(lines, tls, now);
        StatusLines.ports(lines, allocator);
        StatusLines.relay(lines, counters);
        lines.add("Group", GroupCommand.summary(group == null ? null : group.status()));
        lines.print(out);
    }

    /** Why the latest configuration of each PID was rejected, by PID, for the settings providers that are there. */
    private Map<String, Optional<String>> problems() {
        Map<String, Optional<String>> problems = new LinkedHashMap<>();
        StatusLines.addProblem(problems, ConnectorSettings.PID, connectorSettings);
        StatusLines.addProblem(problems, PortSettings.PID, portSettings);
        StatusLines.addProblem(problems, RelaySettings.PID, relaySettings);
        StatusLines.addProblem(problems, TransportSettings.PID, transportSettings);
        StatusLines.addProblem(problems, TlsSettings.PID, tlsSettings);
        StatusLines.addProblem(problems, RestSettings.PID, restSettings);
        return problems;
    }
}
