package org.iofog.connector.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.group.GroupMember;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.legacy.LegacyImportResult;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.metrics.RelayCounters;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortRange;
import org.iofog.connector.api.ports.PortUsage;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.ConnectorSettingsProvider;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.transport.TransportStatus;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The commands against fake services: what they print, and the one-line errors they raise. */
public class CommandsTest {

    private final FakeRegistry registry = new FakeRegistry();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void mappingsListsEveryMappingWithItsFigures() throws Exception {
        registry.statuses.add(new MappingStatus(MappingFormatsTest.mapping(MappingType.PUBLIC, 6000, 6001, 60, 0),
                true, true, 1, 0, 2, 1536, 10));
        registry.statuses.add(new MappingStatus(MappingFormatsTest.mapping(MappingType.PRIVATE, 6002, 6003, 1, 1),
                true, true, 1, 0, 0, 0, 0));
        MappingsCommand command = new MappingsCommand();
        command.registry = registry;
        String out = run(command);
        assertTrue(out, out.contains("Bytes 1→2"));
        assertTrue(out, out.contains("id-PUBLIC"));
        assertTrue(out, out.contains("6000/6001"));
        assertTrue(out, out.contains("1/60"));
        assertTrue(out, out.contains("1.5 KiB"));
        assertTrue(out, out.contains("1/1 · 0/1"));
        String table = print(MappingsCommand.table(registry.statuses(), FormatsTest.NOW));
        assertTrue(table, table.contains("1m 30s"));
    }

    @Test
    public void mappingsSaysWhenThereAreNone() throws Exception {
        MappingsCommand command = new MappingsCommand();
        command.registry = registry;
        assertTrue(run(command).contains("No mappings."));
    }

    @Test
    public void mappingMasksPasscodesUnlessAsked() throws Exception {
        registry.statuses.add(new MappingStatus(MappingFormatsTest.mapping(MappingType.PRIVATE, 6002, 6003, 1, 1),
                true, false, 1, 0, 0, 0, 0));
        MappingCommand command = new MappingCommand();
        command.registry = registry;
        command.id = "id-PRIVATE";
        String masked = run(command);
        assertTrue(masked, masked.contains("Port 1 passcode            : ••••1234"));
        assertTrue(masked, masked.contains("Port 2 passcode            : ••••5678"));
        assertTrue(masked, masked.contains("6003, NOT listening"));
        assertFalse(masked, masked.contains("PASSCODE1234"));
        command.showSecrets = true;
        String shown = run(command);
        assertTrue(shown, shown.contains("PASSCODE1234") && shown.contains("SECOND5678"));

        command.id = "nope";
        assertEquals("unknown mapping id 'nope' (connector:mappings lists them)",
                assertThrows(CommandException.class, () -> run(command)).getMessage());
    }

    @Test
    public void mappingAddUsesTheControllersDefaults() throws Exception {
        MappingAddCommand command = new MappingAddCommand();
        command.registry = registry;
        command.type = "public";
        String out = run(command);
        assertEquals(new PublicPipeSpec(60, 200_000), registry.lastPublic);
        assertTrue(out, out.startsWith("Added public mapping id-PUBLIC"));
        assertTrue(out, out.contains("PASSCODE1234"));

        command.type = "PRIVATE";
        command.maxConnectionsPort2 = 3;
        command.heartbeatThresholdPort1 = 0L;
        command.maxConnectionsPort1 = 2;
        out = run(command);
        assertEquals(new PrivatePipeSpec(2, 3, 0, 200_000), registry.lastPrivate);
        assertTrue(out, out.contains("Port 2 passcode            : SECOND5678"));
    }

    @Test
    public void mappingAddRefusesWhatDoesNotFit() {
        MappingAddCommand command = new MappingAddCommand();
        command.registry = registry;
        command.type = "public";
        command.maxConnectionsPort1 = 2;
        assertEquals("--max-connections-port1 does not apply to a public mapping",
                assertThrows(CommandException.class, () -> run(command)).getMessage());
        command.maxConnectionsPort1 = null;
        command.maxConnections = 0;
        assertEquals("--max-connections must be between 1 and 2147483647: 0",
                assertThrows(CommandException.class, () -> run(command)).getMessage());
        command.maxConnections = null;
        command.type = "direct";
        assertEquals("unknown mapping type 'direct': expected public or private",
                assertThrows(CommandException.class, () -> run(command)).getMessage());
        command.type = "public";
        registry.full = true;
        assertEquals("No enough available ports: 2 requested, 0 free in the configured ranges",
                assertThrows(NoAvailablePortsException.class, () -> run(command)).getMessage());
    }

    @Test
    public void removeNamesAnUnknownId() throws Exception {
        registry.statuses.add(new MappingStatus(MappingFormatsTest.mapping(MappingType.PUBLIC, 6000, 6001, 60, 0),
                true, true, 0, 0, 0, 0, 0));
        MappingRemoveCommand command = new MappingRemoveCommand();
        command.registry = registry;
        command.id = "id-PUBLIC";
        assertEquals("Removed public mapping id-PUBLIC; ports 6000/6001 released", run(command).strip());
        assertEquals("unknown mapping id 'id-PUBLIC' (connector:mappings lists them)",
                assertThrows(CommandException.class, () -> run(command)).getMessage());
    }

    @Test
    public void portsShowsRangesAndUse() {
        PortUsage usage = new PortUsage(List.of(new PortRange(6000, 6050)), List.of(PortRange.single(6010)), 48, 4,
                List.of(7000, 7001));
        String out = print(PortsCommand.lines(usage, Optional.empty()));
        assertTrue(out, out.contains("Ranges                    : 6000-6050"));
        assertTrue(out, out.contains("Excluded                  : 6010"));
        assertTrue(out, out.contains("Free                      : 48"));
        assertTrue(out, out.contains("In use outside the ranges : 7000, 7001"));
        assertTrue(out, out.contains("Configured in             : etc/org.iofog.connector.ports.cfg\n"));
        String rejected = print(PortsCommand.lines(usage, Optional.of("ports: \"x\" is not a port")));
        assertTrue(rejected, rejected.contains("Configured in             : etc/org.iofog.connector.ports.cfg (latest"
                + " configuration rejected: ports: \"x\" is not a port; the ranges above stay in force)"));
    }

    @Test
    public void transportNamesAreCheckedAndTheTargetWorkedOut() throws CommandException {
        assertEquals("io_uring", TransportCommand.normalize("IO-URING"));
        assertEquals("auto", TransportCommand.normalize(" auto "));
        assertEquals("transports are a whiteboard: any well-formed name may be asked for", "kqueue",
                TransportCommand.normalize("kqueue"));
        assertEquals("'k queue' is not a transport name: auto, or the name of a transport (letters, digits and _);"
                        + " connector:transport lists those present",
                assertThrows(CommandException.class, () -> TransportCommand.normalize("k queue")).getMessage());
        TransportStatus status = new TransportStatus("epoll", 2, true, List.of(
                new TransportStatus.Draining("nio", 3, Instant.now().plusSeconds(300))),
                List.of("epoll", "io_uring", "nio"));
        assertEquals("io_uring", TransportMove.expected("io_uring", status));
        assertEquals("epoll", TransportMove.expected("auto", status));
        TransportStatus nioOnly = new TransportStatus("nio", 2, false, List.of(), List.of("nio"));
        assertEquals("nio", TransportMove.expected("epoll", nioOnly));
        assertEquals("epoll, 2 I/O threads, splicing", TransportLines.describeActive(status));
        assertTrue(TransportLines.describeDraining(status, Instant.now()).startsWith("nio (3 connections, "));
        assertEquals("none", TransportLines.describeDraining(nioOnly, Instant.now()));
    }

    @Test
    public void transportChoosesThroughTheSelectionServiceAndReportsTheMove() throws Exception {
        List<String> selected = new ArrayList<>();
        TransportCommand command = new TransportCommand();
        command.selection = name -> {
            selected.add(name);
            return name;
        };
        command.transports = () -> new TransportStatus("io_uring", 2, false, List.of(),
                List.of("epoll", "io_uring", "nio"));
        command.name = "IO-URING";
        String out = run(command);
        assertEquals("the name as the settings spell it", List.of("io_uring"), selected);
        assertEquals("transport = io_uring set in org.iofog.connector.transport: the relay moves its ports in the"
                + " background; connections already open finish where they are.\n"
                + "Relay now on io_uring, 2 I/O threads; draining: none\n", out);

        command.name = "kqueue";
        command.waitSeconds = 0;
        assertEquals("transport = kqueue set in org.iofog.connector.transport: the relay moves its ports in the"
                + " background; connections already open finish where they are.\n"
                + "kqueue is not present here (available: epoll, io_uring, nio); the relay uses the best one present:"
                + " epoll.\n", run(command));
        assertEquals(List.of("io_uring", "kqueue"), selected);

        IOException refused = new IOException("Config Admin is not available: is the connector running? (bundle:list)");
        command.selection = name -> {
            throw refused;
        };
        assertEquals(refused, assertMistake("Config Admin is not available: is the connector running? (bundle:list)",
                command).getCause());
    }

    @Test
    public void transportShowsTheConfiguredAndTheActiveOne() throws Exception {
        TransportCommand command = new TransportCommand();
        command.transports = () -> new TransportStatus("epoll", 2, true, List.of(), List.of("epoll", "nio"));
        assertEquals("Active      : epoll\nI/O threads : 2\nSplicing    : yes\nDraining    : none\n"
                + "Available   : epoll, nio\n", run(command));
    }

    @Test
    public void completersOfferTheirValues() {
        MappingIdCompleter ids = new MappingIdCompleter();
        ids.registry = registry;
        registry.statuses.add(new MappingStatus(MappingFormatsTest.mapping(MappingType.PUBLIC, 6000, 6001, 60, 0),
                true, true, 0, 0, 0, 0, 0));
        assertEquals(List.of("id-PUBLIC"), complete(ids, "id-"));
        TransportNameCompleter names = new TransportNameCompleter();
        assertEquals("without the relay, auto only", List.of("auto"), complete(names, ""));
        names.transports = () -> new TransportStatus("epoll", 2, true, List.of(), List.of("epoll", "kqueue", "nio"));
        assertEquals("the transports registered now", List.of("auto", "epoll", "kqueue", "nio"), complete(names, ""));
        assertEquals(List.of("kqueue"), complete(names, "k"));
        assertEquals(List.of("private", "public"), complete(new MappingTypeCompleter(), "p"));
    }

    private static List<String> complete(Completer completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new CommandLine() {
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
                return new String[] {"cmd", typed};
            }

            @Override
            public int getBufferPosition() {
                return 4 + typed.length();
            }

            @Override
            public String getBuffer() {
                return "cmd " + typed;
            }
        }, candidates);
        return candidates.stream().map(String::strip).sorted().toList();
    }

    @Test
    public void groupShowsEveryMemberItsStateAndWhatKeepsThisMemberFromBeingReady() throws Exception {
        GroupCommand command = new GroupCommand();
        assertTrue(run(command).contains("not installed (feature:install iofog-connector-group)"));
        command.group = GroupStatus::off;
        assertTrue(run(command).contains("off: this connector works alone"));

        command.group = () -> new GroupStatus(GroupStatus.State.DEGRADED, "edge",
                List.of(new GroupMember("198.51.100.11:5701", true, true),
                        new GroupMember("198.51.100.12:5701", false, false)), 7,
                List.of("PUBLIC mapping m1 on ports 6000/6001: port 6001 is in use"));
        String out = run(command);
        assertEquals("edge", value(out, "Group"));
        assertEquals("DEGRADED (not ready)", value(out, "This member"));
        assertTrue(out, out.contains("198.51.100.11:5701 this member, present"));
        assertTrue(out, out.contains("198.51.100.12:5701, absent"));
        assertEquals("7 in the group's table", value(out, "Mappings"));
        assertEquals("PUBLIC mapping m1 on ports 6000/6001: port 6001 is in use", value(out, "Problems"));
        assertEquals("edge: DEGRADED, 1 of 2 members present, 7 mappings",
                GroupCommand.summary(command.group.status()));
    }

    private static String run(ConnectorAction action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            action.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String print(Lines lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            lines.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String print(org.apache.karaf.shell.support.table.ShellTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            table.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void statusShowsWhereTheRestApiReallyListens() throws Exception {
        assertEquals("http://0.0.0.0:8080", StatusLines.restApi(true, "0.0.0.0", 8080,
                Optional.of(new InetSocketAddress(InetAddress.getByName("::"), 8080))));
        assertEquals("https://127.0.0.1:443", StatusLines.restApi(false, "127.0.0.1", 443,
                Optional.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 443))));
        assertEquals("not listening (http://127.0.0.1:8080 is configured; why is in karaf.log)",
                StatusLines.restApi(true, "127.0.0.1", 8080, Optional.empty()));
        assertEquals("the REST bundle not there: the settings", "http://0.0.0.0:8080",
                StatusLines.restApi(true, "0.0.0.0", 8080, null));
    }

    @Test
    public void devModeSaysWhetherRelayPortsAlsoTakeTls() {
        assertEquals("on (no TLS: plain relay ports, HTTP REST API)", StatusLines.devMode(true, false));
        assertEquals("on (relay ports take plain TCP and TLS, HTTP REST API)", StatusLines.devMode(true, true));
        assertEquals("off (TLS on relay ports, HTTPS REST API)", StatusLines.devMode(false, true));
    }

    @Test
    public void statusNamesEveryRejectedConfiguration() {
        Map<String, Optional<String>> problems = new LinkedHashMap<>();
        problems.put("org.iofog.connector", Optional.empty());
        problems.put("org.iofog.connector.tls", Optional.empty());
        assertEquals("all in force", StatusLines.settings(problems));
        problems.put("org.iofog.connector", Optional.of("dev: \"yes\" is not true or false"));
        assertEquals("etc/org.iofog.connector.cfg rejected: dev: \"yes\" is not true or false"
                + " (the last good settings stay in force)", StatusLines.settings(problems));
        problems.put("org.iofog.connector.tls", Optional.of("engine: \"gnutls\" is not one of auto, openssl, jdk"));
        assertEquals("etc/org.iofog.connector.cfg rejected: dev: \"yes\" is not true or false;"
                + " etc/org.iofog.connector.tls.cfg rejected: engine: \"gnutls\" is not one of auto, openssl, jdk"
                + " (the last good settings stay in force)", StatusLines.settings(problems));
        assertEquals("no settings provider: the config bundle is down", StatusLines.NOT_RUNNING,
                StatusLines.settings(Map.of()));
    }

    @Test
    public void statusShowsARejectedConfigurationOnItsSettingsLine() throws Exception {
        StatusCommand command = new StatusCommand();
        command.connectorSettings = connectorSettings(Optional.of("dev: \"yes\" is not true or false"));
        String out = run(command);
        assertEquals(out, "etc/org.iofog.connector.cfg rejected: dev: \"yes\" is not true or false"
                + " (the last good settings stay in force)", value(out, "Settings"));
        assertEquals(out, "on (no TLS: plain relay ports, HTTP REST API)", value(out, "Dev mode"));
    }

    /** What {@link Lines} printed after {@code label}, however wide the labels were padded. */
    private static String value(String out, String label) {
        return out.lines()
                .filter(line -> line.startsWith(label + " "))
                .map(line -> line.substring(line.indexOf(" : ") + 3))
                .findFirst().orElse(null);
    }

    @Test
    public void statusCountsWhatTheRelayKeptFromClientsAndAgents() {
        RelayCounters counters = new RelayCounters(1, 0, 0, 3, 2, 0, 10, 4, 0, 0, 4096, 7, 2);
        assertEquals("3 agent connections, 2 public clients", StatusLines.connections(counters));
        assertEquals("4096 bytes from agents dropped before pairing, 7 public clients refused (source.max.waiting),"
                + " 2 wrong passcodes slowed down, 4 agent connections rejected", StatusLines.protection(counters));
    }

    // ---- console etiquette: a user's mistake is one console line, a bug still reaches karaf.log ----

    /**
     * Karaf logs an exception from execute() at ERROR with its stack trace unless its simple class name is
     * CommandException; then it prints "Error executing command: <message>" and logs at DEBUG only.
     */
    @Test
    public void aUsersMistakeLeavesExecuteAsKarafsCommandException() {
        MappingAddCommand add = new MappingAddCommand();
        add.registry = registry;
        add.type = "public";
        add.maxConnections = 0;
        assertMistake("--max-connections must be between 1 and 2147483647: 0", add);
        add.maxConnections = null;
        add.heartbeatThreshold = -1L;
        assertMistake("--heartbeat-threshold must be between 0 and 9223372036854775807: -1", add);
        add.heartbeatThreshold = null;
        add.maxConnectionsPort1 = 3;
        assertMistake("--max-connections-port1 does not apply to a public mapping", add);
        add.maxConnectionsPort1 = null;
        add.type = "private";
        add.maxConnectionsPort2 = 0;
        assertMistake("an option Karaf parsed before the type is checked too",
                "--max-connections-port2 must be between 1 and 2147483647: 0", add);
        add.maxConnectionsPort2 = null;
        add.type = "direct";
        assertMistake("unknown mapping type 'direct': expected public or private", add);
        assertEquals("nothing was opened", List.of(), registry.statuses());

        MappingCommand show = new MappingCommand();
        show.registry = registry;
        show.id = "nope";
        assertMistake("unknown mapping id 'nope' (connector:mappings lists them)", show);
        MappingRemoveCommand remove = new MappingRemoveCommand();
        remove.registry = registry;
        remove.id = "nope";
        assertMistake("unknown mapping id 'nope' (connector:mappings lists them)", remove);

        TransportCommand transport = new TransportCommand();
        transport.name = "k queue";
        assertMistake("'k queue' is not a transport name: auto, or the name of a transport (letters, digits and _);"
                + " connector:transport lists those present", transport);
        transport.name = "nio";
        transport.waitSeconds = -1;
        assertMistake("--wait must be between 0 and 2147483647: -1", transport);
        transport.waitSeconds = 5;
        // The service stores the choice; its own "Config Admin is not available" is asserted in the config bundle.
        assertMistake("the transport selection is not available: is the connector running? (bundle:list)",
                transport);
    }

    @Test
    public void aRefusalOfAServiceIsOneLineWithItsCauseKept() {
        MappingAddCommand add = new MappingAddCommand();
        add.registry = registry;
        add.type = "public";
        registry.full = true;
        CommandException full = assertMistake("No enough available ports: 2 requested, 0 free in the configured ranges",
                add);
        assertTrue(full.getCause() instanceof NoAvailablePortsException);
        registry.full = false;
        registry.failure = new MappingException("port 6000: cannot listen (Address already in use)");
        assertEquals(registry.failure,
                assertMistake("port 6000: cannot listen (Address already in use)", add).getCause());

        ImportLegacyCommand legacy = importLegacy((file, dryRun) -> {
            throw new NoSuchFileException(file.toString());
        });
        legacy.noSettings = true;
        legacy.mappings = "/nowhere/configs.json";
        assertMistake("/nowhere/configs.json: no such file", legacy);
    }

    @Test
    public void aBugStillReachesKarafAsItIs() {
        for (Exception bug : List.of(new NullPointerException(), new IllegalArgumentException("maxconnections"),
                new IllegalStateException("broken"))) {
            ConnectorAction action = new ConnectorAction() {
                @Override
                void run(PrintStream out) throws Exception {
                    throw bug;
                }
            };
            assertEquals(bug, assertThrows(Exception.class, action::execute));
        }
    }

    @Test
    public void certGenerateRefusesExistingFilesWithoutAskingTheGenerator() throws Exception {
        Path cert = folder.getRoot().toPath().resolve("cert.pem");
        Path key = folder.getRoot().toPath().resolve("key.pem");
        List<Boolean> asked = new ArrayList<>();
        CertGenerateCommand command = new CertGenerateCommand();
        command.generator = overwrite -> {
            asked.add(overwrite);
            return new CertificateInfo(cert, key, "CN=test", "CN=test", List.of("localhost"), FormatsTest.NOW,
                    FormatsTest.NOW.plusSeconds(86_400), "AB:CD", "EC P-256", 1);
        };
        command.settings = new org.iofog.connector.api.settings.TlsSettingsProvider() {
            @Override
            public TlsSettings current() {
                return new TlsSettings(cert, key, "", true, "ec-p256", List.of(), 365, TlsSettings.Engine.AUTO,
                        TlsSettings.ClientAuth.NONE, TlsSettings.ClientAuth.NONE, null);
            }

            @Override
            public Optional<String> problem() {
                return Optional.empty();
            }
        };
        Files.writeString(key, "key");
        assertMistake(key + ": already exists, so the certificate and key were kept;"
                + " connector:cert-generate --force replaces them", command);
        Files.writeString(cert, "cert");
        assertMistake("the certificate is named first", cert + ": already exists, so the certificate and key were"
                + " kept; connector:cert-generate --force replaces them", command);
        assertEquals("the generator, which would log the refusal as rejected TLS files, is not asked", List.of(),
                asked);

        command.force = true;
        assertTrue(run(command).startsWith("Wrote a self-signed certificate to " + cert + " and its key to " + key
                + "; it is in use now.\n"));
        assertEquals(List.of(true), asked);
        Files.delete(cert);
        Files.delete(key);
        command.force = false;
        run(command);
        assertEquals(List.of(true, false), asked);
    }

    @Test
    public void importLegacyCountsAndShowsWhatItLeftOut() throws Exception {
        ImportLegacyCommand command = importLegacy((file, dryRun) -> new LegacyImportResult(
                List.of("PUBLIC mapping a on ports 6040 and 6041"),
                List.of("PRIVATE mapping b on ports 6042 and 6043: port 6042 is used by PUBLIC mapping c")));
        command.noSettings = true;
        command.dryRun = true;
        assertEquals("Would import 1 mapping of mappings, left out 1:\n"
                + "  PUBLIC mapping a on ports 6040 and 6041\n"
                + "  left out: PRIVATE mapping b on ports 6042 and 6043: port 6042 is used by PUBLIC mapping c\n"
                + "Nothing was changed (dry run).\n", run(command));
        command = importLegacy((file, dryRun) -> new LegacyImportResult(List.of(), List.of()));
        command.noSettings = true;
        assertEquals("Imported 0 mappings of mappings:\n", run(command));
    }

    /** Dev-mode settings with the old daemon's paths {@code conf} and {@code mappings}, and the given problem. */
    private static ConnectorSettingsProvider connectorSettings(Optional<String> problem) {
        return new ConnectorSettingsProvider() {
            @Override
            public ConnectorSettings current() {
                return new ConnectorSettings("127.0.0.1", 12345, true, false, Path.of("conf"), Path.of("mappings"));
            }

            @Override
            public Optional<String> problem() {
                return problem;
            }
        };
    }

    private static ImportLegacyCommand importLegacy(org.iofog.connector.api.legacy.LegacyMappingsImport mappings) {
        ImportLegacyCommand command = new ImportLegacyCommand();
        command.connectorSettings = connectorSettings(Optional.empty());
        command.mappingsImport = mappings;
        return command;
    }

    private static CommandException assertMistake(String message, ConnectorAction action) {
        return assertMistake(message, message, action);
    }

    /** Runs the action as Karaf does and checks it failed with Karaf's CommandException itself, not a subclass. */
    private static CommandException assertMistake(String why, String message, ConnectorAction action) {
        Exception thrown = assertThrows(why, Exception.class, action::execute);
        assertEquals(why + ": " + thrown, CommandException.class, thrown.getClass());
        assertEquals(why, message, thrown.getMessage());
        return (CommandException) thrown;
    }
}
