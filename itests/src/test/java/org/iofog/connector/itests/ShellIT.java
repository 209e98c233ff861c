package org.iofog.connector.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.ports.PortUsage;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.transport.TransportStatusProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The connector:* console commands in the distribution, run through a Karaf shell session as an operator types
 * them: their output, their one-line errors, and that what they change really happens (a pipe opened from the
 * console relays bytes, a transport chosen there runs the relay, a generated certificate is served).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT {

    private static final String TRANSPORT_PID = "org.iofog.connector.transport";
    private static final String PORTS_PID = "org.iofog.connector.ports";
    private static final String CONNECTOR_PID = "org.iofog.connector";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> COMMANDS = List.of("status", "mappings", "mapping", "mapping-add",
            "mapping-remove", "ports", "transport", "cert-info", "cert-generate", "import-legacy");

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private MappingRegistry registry;

    @Inject
    private TransportStatusProvider transports;

    @Inject
    private TlsContextProvider tls;

    @Inject
    private PortAllocator allocator;

    private Configs configs;

    @Configuration
    public Option[] configuration() {
        return KarafOptions.karaf(KarafOptions.tarballUrl(), "iofog-connector-shell");
    }

    /** Commands register once the services they reference are there, shortly after the bundle starts. */
    @Before
    public void commandsRegistered() throws InterruptedException {
        configs = new Configs(configurationAdmin);
        Poll.until("every connector:* command registered", WAIT, () -> COMMANDS.stream()
                .allMatch(name -> sessionFactory.getRegistry().getCommand("connector", name) != null),
                Boolean::booleanValue);
    }

    @After
    public void autoTransport() throws Exception {
        if (!"auto".equals(String.valueOf(configs.properties(TRANSPORT_PID).get("transport")))) {
            execute("connector:transport auto");
        }
        Poll.until("the relay back on epoll", WAIT, () -> transports.transportStatus().active(), "epoll"::equals);
    }

    @Test
    public void statusShowsEveryPartOfTheConnector() throws Exception {
        String out = execute("connector:status");
        assertTrue(out, out.startsWith("ioFog Connector " + KarafOptions.PROJECT_VERSION + "\n"));
        assertTrue(out, Pattern.compile("(?m)^Uptime +: \\S+").matcher(out).find());
        assertLine(out, "Settings", "all in force");
        assertLine(out, "Dev mode", tls.certificate().isPresent()
                ? "on (relay ports take plain TCP and TLS, HTTP REST API)"
                : "on (no TLS: plain relay ports, HTTP REST API)");
        assertLine(out, "REST API", "http://0.0.0.0:" + KarafOptions.HTTP_PORT);
        assertTrue(out, Pattern.compile("(?m)^Transport +: epoll, \\d+ I/O threads?$").matcher(out).find());
        assertLine(out, "Draining", "none");
        assertLine(out, "TLS engine", "OpenSSL");
        Optional<CertificateInfo> certificate = tls.certificate();
        assertTrue(out, certificate.isPresent() ? line(out, "Certificate").startsWith(certificate.get().subject())
                : line(out, "Certificate").startsWith("no certificate: "));
        PortUsage usage = allocator.usage();
        assertLine(out, "Ports", usage.free() + " free, " + usage.used() + " used (6000-6050)");
        assertLine(out, "Mappings", count(MappingType.PUBLIC) + " public, " + count(MappingType.PRIVATE)
                + " private, " + count(MappingType.DIRECT) + " direct");
        assertTrue(out, Pattern.compile("(?m)^Connections +: \\d+ agent connections, \\d+ public clients$")
                .matcher(out).find());
        assertTrue(out, Pattern.compile("(?m)^Protection +: \\d+ bytes from agents dropped before pairing, \\d+ public"
                + " clients refused \\(source.max.waiting\\), \\d+ wrong passcodes slowed down, \\d+ agent connections"
                + " rejected$").matcher(out).find());

        Mapping added = registry.addPrivate(new org.iofog.connector.api.mapping.PrivatePipeSpec(1, 1, 0, 0));
        try {
            assertLine(execute("connector:status"), "Mappings", count(MappingType.PUBLIC) + " public, "
                    + count(MappingType.PRIVATE) + " private, " + count(MappingType.DIRECT) + " direct");
            assertTrue(count(MappingType.PRIVATE) >= 1);
        } finally {
            registry.remove(added.id());
        }
    }

    @Test
    public void aPublicMappingAddedFromTheConsoleWorksIsListedAndRemoved() throws Exception {
        String added = execute("connector:mapping-add public");
        Matcher first = Pattern.compile("^Added public mapping (\\S+)\n").matcher(added);
        assertTrue(added, first.find());
        String id = first.group(1);
        int port1 = Integer.parseInt(line(added, "Port 1 (agents)"));
        int port2 = Integer.parseInt(line(added, "Port 2 (public)"));
        String passcode = line(added, "Passcode");
        assertLine(added, "Max connections", "60");
        assertLine(added, "Heartbeat threshold", "200000 ms");
        Mapping mapping = registry.status(id).orElseThrow().mapping();
        assertEquals(List.of(port1, port2, 60, 200_000L), List.of(mapping.port1(), mapping.port2(),
                mapping.maxConnectionsPort1(), mapping.heartbeatAbsenceThresholdPort1()));
        assertEquals(mapping.passcodePort1(), passcode);

        assertTrue(row(execute("connector:mappings"), id).matches(".*\\bpublic\\b.*\\b" + port1 + "/" + port2
                + "\\b.*\\b0/60\\b.*"));

        try (Socket agent = Agents.authenticate(port1, passcode);
             Socket client = Agents.connect(port2)) {
            Agents.send(client, "GET / HTTP/1.0\r\n\r\n");
            assertEquals("GET / HTTP/1.0\r\n\r\n", Agents.read(agent, 18));
            Agents.send(agent, "HTTP/1.0 200 OK");
            assertEquals("HTTP/1.0 200 OK", Agents.read(client, 15));

            // Bytes 1→2 are the agent's answer (15), bytes 2→1 the client's request (18).
            Poll.until("the row to show the connections and bytes", WAIT,
                    () -> row(execute("connector:mappings"), id),
                    r -> r.matches(".*\\b1/60\\b.*\\b1\\b.*\\b15 B\\b.*\\b18 B\\b.*"));

            String details = execute("connector:mapping " + id);
            assertLine(details, "Type", "public");
            assertLine(details, "Port 1 (agents)", port1 + ", listening");
            assertLine(details, "Agent connections", "1/60");
            assertLine(details, "Passcode", "••••" + passcode.substring(passcode.length() - 4));
            assertLine(details, "Public clients", "1");
            assertLine(details, "Bytes port 1→2", "15 B (15)");
            assertLine(details, "Bytes port 2→1", "18 B (18)");
            assertFalse(details, details.contains(passcode));
            assertLine(execute("connector:mapping --show-secrets " + id), "Passcode", passcode);
        }

        assertEquals("Removed public mapping " + id + "; ports " + port1 + "/" + port2 + " released",
                execute("connector:mapping-remove " + id).strip());
        assertFalse(execute("connector:mappings").contains(id));
        assertTrue(registry.status(id).isEmpty());
        assertFalse("port1 closed", Agents.listening(port1));
        assertFalse("port2 closed", Agents.listening(port2));
        assertEquals("unknown mapping id '" + id + "' (connector:mappings lists them)",
                fails("connector:mapping " + id));
        assertEquals("unknown mapping id '" + id + "' (connector:mappings lists them)",
                fails("connector:mapping-remove " + id));
    }

    @Test
    public void aPrivateMappingTakesItsOptions() throws Exception {
        String added = execute("connector:mapping-add --max-connections-port2 2 --heartbeat-threshold-port1 0"
                + " private");
        Matcher first = Pattern.compile("^Added private mapping (\\S+)\n").matcher(added);
        assertTrue(added, first.find());
        String id = first.group(1);
        try {
            Mapping mapping = registry.status(id).orElseThrow().mapping();
            assertEquals(List.of(1, 2, 0L, 200_000L), List.of(mapping.maxConnectionsPort1(),
                    mapping.maxConnectionsPort2(), mapping.heartbeatAbsenceThresholdPort1(),
                    mapping.heartbeatAbsenceThresholdPort2()));
            assertLine(added, "Port 1 passcode", mapping.passcodePort1());
            assertLine(added, "Port 2 passcode", mapping.passcodePort2());
            try (Socket one = Agents.authenticate(mapping.port1(), mapping.passcodePort1())) {
                String row = Poll.until("the agent counted", WAIT, () -> row(execute("connector:mappings"), id),
                        r -> r.contains("1/1 · 0/2"));
                assertTrue(row, row.contains(mapping.port1() + "/" + mapping.port2()));
            }
            String details = execute("connector:mapping " + id);
            assertLine(details, "Port 1 heartbeat threshold", "never (0)");
            assertLine(details, "Port 2 passcode", "••••"
                    + mapping.passcodePort2().substring(mapping.passcodePort2().length() - 4));
        } finally {
            registry.remove(id);
        }
    }

    @Test
    public void mappingAddRefusesBadInputWithOneLine() throws Exception {
        int before = registry.statuses().size();
        assertEquals("--max-connections must be between 1 and 2147483647: 0",
                fails("connector:mapping-add --max-connections 0 public"));
        assertEquals("options come before the arguments, as in every Karaf command", "Too many arguments specified",
                fails("connector:mapping-add public --max-connections 0"));
        assertEquals("Unable to convert option --max-connections with value 'ten' to type java.lang.Integer",
                fails("connector:mapping-add --max-connections ten public"));
        assertEquals("Undefined option: --max-conections", fails("connector:mapping-add --max-conections 3 public"));
        assertEquals("unknown mapping type 'direct': expected public or private", fails("connector:mapping-add direct"));
        assertEquals("--max-connections does not apply to a private mapping",
                fails("connector:mapping-add --max-connections 3 private"));
        assertEquals(before, registry.statuses().size());
    }

    /** {@code dev = yes} used to be read as false, switching TLS on without a word. */
    @Test
    public void aDevValueThatIsNotTrueOrFalseIsRejectedAndShownInStatus() throws Exception {
        Dictionary<String, Object> saved = configs.properties(CONNECTOR_PID);
        try {
            configs.update(CONNECTOR_PID, Map.of("dev", "yes"));
            Poll.until("status to name the rejected value", WAIT, () -> line(execute("connector:status"), "Settings"),
                    settings -> settings.equals("etc/org.iofog.connector.cfg rejected: dev: \"yes\" is not true or"
                            + " false (the last good settings stay in force)"));
            assertLine(execute("connector:status"), "Dev mode", tls.certificate().isPresent()
                    ? "on (relay ports take plain TCP and TLS, HTTP REST API)"
                    : "on (no TLS: plain relay ports, HTTP REST API)");
        } finally {
            configs.restore(CONNECTOR_PID, saved);
        }
        Poll.until("status clear again", WAIT, () -> line(execute("connector:status"), "Settings"),
                "all in force"::equals);
    }

    @Test
    public void mappingAddSaysWhenNoPortsAreFree() throws Exception {
        Dictionary<String, Object> saved = configs.properties(PORTS_PID);
        try {
            configs.update(PORTS_PID, Map.of("ports", "17000", "exclude", ""));
            Poll.until("the single-port range", WAIT, () -> allocator.usage().ranges(),
                    r -> r.equals(List.of(PortRange.single(17000))));
            assertEquals("No enough available ports: 2 requested, 1 free in the configured ranges",
                    fails("connector:mapping-add public"));
            String ports = execute("connector:ports");
            assertLine(ports, "Ranges", "17000");
            assertLine(ports, "Free", "1");
        } finally {
            configs.restore(PORTS_PID, saved);
        }
        Poll.until("the default range back", WAIT, () -> allocator.usage().ranges(),
                r -> r.equals(List.of(new PortRange(6000, 6050))));
    }

    @Test
    public void portsShowsTheAllocator() throws Exception {
        Mapping mapping = registry.addPublic(new org.iofog.connector.api.mapping.PublicPipeSpec(1, 0));
        try {
            String out = execute("connector:ports");
            PortUsage usage = allocator.usage();
            assertLine(out, "Ranges", "6000-6050");
            assertLine(out, "Excluded", "none");
            assertLine(out, "Free", String.valueOf(usage.free()));
            assertLine(out, "Used", String.valueOf(usage.used()));
            assertTrue(usage.used() >= 2);
            assertLine(out, "In use outside the ranges", "none");
        } finally {
            registry.remove(mapping.id());
        }
    }

    @Test
    public void transportShowsAndSwitchesTheRelay() throws Exception {
        String shown = execute("connector:transport");
        assertLine(shown, "Configured", "auto");
        assertLine(shown, "Active", "epoll");
        assertLine(shown, "Splicing", "no"); // off unless splice = true
        assertLine(shown, "Draining", "none");
        assertLine(shown, "Available", "epoll, io_uring, nio");

        String switched = execute("connector:transport io_uring");
        assertTrue(switched, switched.startsWith("transport = io_uring set in " + TRANSPORT_PID));
        assertTrue(switched, switched.contains("Relay now on io_uring, "));
        assertEquals("io_uring", transports.transportStatus().active());
        Dictionary<String, Object> properties = configs.properties(TRANSPORT_PID);
        assertEquals("io_uring", properties.get("transport"));
        assertEquals("the other properties kept", "300000", String.valueOf(properties.get("drain.deadline.ms")));

        String after = execute("connector:transport");
        assertLine(after, "Configured", "io_uring");
        assertLine(after, "Active", "io_uring");
        assertLine(after, "Splicing", "no");
        assertEquals("'1nio' is not a transport name: auto, or the name of a transport (letters, digits and _);"
                + " connector:transport lists those present", fails("connector:transport 1nio"));
        assertEquals("io_uring", transports.transportStatus().active());

        // An open whiteboard: a transport not installed may be asked for; the relay runs on the best one present.
        String absent = execute("connector:transport kqueue");
        assertTrue(absent, absent.contains("kqueue is not present here (available: epoll, io_uring, nio); the relay"
                + " uses the best one present: epoll."));
        assertTrue(absent, absent.contains("Relay now on epoll, "));
        String shownAbsent = execute("connector:transport");
        assertLine(shownAbsent, "Configured", "kqueue");
        assertLine(shownAbsent, "Active", "epoll");
        execute("connector:transport auto");
        assertEquals("epoll", transports.transportStatus().active());
    }

    @Test
    public void certGenerateWritesACertificateThatCertInfoShows() throws Exception {
        if (tls.certificate().isEmpty()) {
            assertTrue(fails("connector:cert-info").startsWith("no TLS certificate loaded: "));
        }
        String generated = execute("connector:cert-generate" + (tls.certificate().isPresent() ? " --force" : ""));
        CertificateInfo first = tls.certificate().orElseThrow();
        assertTrue(generated, generated.startsWith("Wrote a self-signed certificate to " + first.certFile()
                + " and its key to " + first.keyFile() + "; it is in use now.\n"));
        assertLine(generated, "SHA-256", first.sha256Fingerprint());

        String info = execute("connector:cert-info");
        assertLine(info, "Subject", first.subject());
        assertLine(info, "Issuer", first.issuer() + " (self-signed)");
        assertLine(info, "Names (SAN)", String.join(", ", first.subjectAltNames()));
        assertLine(info, "SHA-256", first.sha256Fingerprint());
        assertLine(info, "Key", "EC P-256");
        assertLine(info, "Engine", "OpenSSL");
        assertLine(info, "Certificate file", first.certFile().toString());
        assertTrue(info, line(info, "Valid until").matches("\\S+ \\(in 36[45] days\\)"));

        String refusal = fails("connector:cert-generate");
        assertTrue(refusal, refusal.startsWith(first.certFile() + ": already exists"));
        assertTrue(refusal, refusal.endsWith("; connector:cert-generate --force replaces them"));
        assertEquals(first, tls.certificate().orElseThrow());

        execute("connector:cert-generate --force");
        String again = execute("connector:cert-info");
        assertNotEquals(first.sha256Fingerprint(), line(again, "SHA-256"));
        assertEquals(tls.certificate().orElseThrow().sha256Fingerprint(), line(again, "SHA-256"));
        assertTrue(line(execute("connector:status"), "Certificate").startsWith(first.subject() + ", expires "));
    }

    @Test
    public void completersOfferMappingIdsTypesAndTransports() throws Exception {
        Mapping mapping = registry.addPublic(new org.iofog.connector.api.mapping.PublicPipeSpec(1, 0));
        try {
            String prefix = mapping.id().substring(0, 8);
            assertEquals(List.of(mapping.id()), complete("mapping-remove", prefix));
            assertEquals(List.of(mapping.id()), complete("mapping", prefix));
            assertEquals(List.of("public"), complete("mapping-add", "pu"));
            assertEquals(List.of("private", "public"), complete("mapping-add", "p"));
            assertEquals(List.of("io_uring"), complete("transport", "io"));
            assertEquals(List.of("auto", "epoll", "io_uring", "nio"), complete("transport", ""));
        } finally {
            registry.remove(mapping.id());
        }
    }

    // ---- helpers ----

    /** What tab completion offers for the first argument of a connector:* command, as the console asks for it. */
    /** The old daemon's two files, taken over from the console: a dry run first, then for real. */
    @Test
    public void importLegacyTakesOverTheOldFiles() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("legacy");
        java.nio.file.Path conf = dir.resolve("iofog-connector.conf");
        java.nio.file.Path mappings = dir.resolve("configs.json");
        // The settings as the distribution has them, so that the import changes nothing else under the test.
        java.nio.file.Files.writeString(conf, "{\"ports\":[\"6000-6050\"],\"exclude\":[],\"broker\":12345,"
                + "\"address\":\"127.0.0.1\",\"dev\":true}");
        String id = java.util.UUID.randomUUID().toString();
        String passcode = java.util.UUID.randomUUID().toString();
        java.nio.file.Files.writeString(mappings, "{\"mappings\":[{\"id\":\"" + id + "\",\"port1\":6040,\"port2\":6041,"
                + "\"maxconnectionsport1\":2,\"maxconnectionsport2\":2,\"passcodeport1\":\"" + passcode + "\","
                + "\"passcodeport2\":\"\",\"heartbeatabsencethresholdport1\":0,\"heartbeatabsencethresholdport2\":0}]}");
        String options = " --conf " + conf + " --mappings " + mappings;

        String dry = execute("connector:import-legacy --dry-run" + options);
        assertTrue(dry, dry.contains("Would import 1 mapping of " + mappings));
        assertTrue(dry, dry.contains("ports = 6000-6050"));
        assertTrue(dry, dry.contains("Nothing was changed (dry run)."));
        assertTrue("a dry run opens nothing", registry.status(id).isEmpty());

        String done = execute("connector:import-legacy" + options);
        assertTrue(done, done.contains("Imported 1 mapping of " + mappings));
        assertTrue(done, done.contains("PUBLIC mapping " + id + " on ports 6040 and 6041"));
        try (java.net.Socket agent = Agents.authenticate(6040, passcode)) {
            assertTrue(agent.isConnected());
        }
        String again = execute("connector:import-legacy --no-settings" + options);
        assertTrue(again, again.contains("left out: PUBLIC mapping " + id + " on ports 6040 and 6041: already here"));
        registry.remove(id);
    }

    private List<String> complete(String command, String typed) {
        String name = "connector:" + command;
        String buffer = name + " " + typed;
        Completer completer = sessionFactory.getRegistry().getCommand("connector", command).getCompleter(true);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        try {
            List<String> candidates = new ArrayList<>();
            completer.complete(session, new CommandLine() {
                @Override
                public int getCursorArgumentIndex() {
                    return 1;
                }

                @Override
                public String getCursorArgument() {
                    return typed;
                }

                @Override
                public int getArgumentPosition() {
                    return typed.length();
                }

                @Override
                public String[] getArguments() {
                    return new String[] {name, typed};
                }

                @Override
                public int getBufferPosition() {
                    return buffer.length();
                }

                @Override
                public String getBuffer() {
                    return buffer;
                }
            }, candidates);
            return candidates.stream().map(String::strip).sorted().toList();
        } finally {
            session.close();
        }
    }

    /** What a command line did in a new console session: what it printed, and its failure if it failed. */
    private record Outcome(String printed, Exception failure) {
    }

    private Outcome run(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        Exception failure = null;
        try {
            session.execute(command);
        } catch (Exception e) {
            failure = e;
        } finally {
            out.flush();
            session.close();
        }
        return new Outcome(bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"), failure);
    }

    /** Runs a command line and returns what it printed. */
    private String execute(String command) {
        Outcome outcome = run(command);
        if (outcome.failure() != null) {
            throw new AssertionError(command + " failed: " + outcome.failure() + "; printed: " + outcome.printed(),
                    outcome.failure());
        }
        return outcome.printed();
    }

    /** Runs a command line that must fail, and returns its error (the console's one line). */
    private String fails(String command) {
        Outcome outcome = run(command);
        if (outcome.failure() == null) {
            throw new AssertionError(command + " did not fail; printed: " + outcome.printed());
        }
        String message = outcome.failure().getMessage();
        assertFalse("one line: " + message, message.contains("\n"));
        // Karaf's console logs any other exception as an ERROR with its stack trace: a user's mistake is no bug.
        assertEquals("a user's mistake is Karaf's CommandException: " + outcome.failure(),
                "org.apache.karaf.shell.support.CommandException", outcome.failure().getClass().getName());
        return message;
    }

    /** The value of a {@code Label : value} line. */
    private static String line(String out, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(label) + " +: (.*)$").matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no line '" + label + "' in:\n" + out);
        }
        return matcher.group(1);
    }

    private static void assertLine(String out, String label, String value) {
        assertEquals(label + " in:\n" + out, value, line(out, label));
    }

    /** The table row of a mapping. */
    private static String row(String table, String id) {
        return table.lines().filter(l -> l.startsWith(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " in:\n" + table));
    }

    private long count(MappingType type) {
        return registry.statuses().stream().map(MappingStatus::mapping).filter(m -> m.type() == type).count();
    }
}
