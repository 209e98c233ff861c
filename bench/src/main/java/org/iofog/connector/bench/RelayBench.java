package org.iofog.connector.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.relay.embedded.EmbeddedRelay;
import org.iofog.connector.relay.embedded.LoopbackPorts;
import org.iofog.connector.tls.embedded.EmbeddedTls;
import org.iofog.connector.transport.nio.internal.NioRelayTransport;

/**
 * Load tool for the relay: every figure is measured through an embedded relay (dev mode, or TLS in the
 * {@code tls} scenario) and against a direct loopback baseline in the same run on the same machine, and
 * printed with the ratio.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.iofog.connector.bench.RelayBench [scenario...] [--option=value...]</pre>
 *
 * Scenarios (default: all, in this order): {@code throughput}, {@code private}, {@code tls}, {@code latency},
 * {@code heap}, {@code transports}.
 * Options: {@code --warmup=2}, {@code --seconds=5} and {@code --rounds=5} (throughput: warm-up per
 * configuration, measured seconds per configuration, split into this many interleaved windows),
 * {@code --round-trips=20000} and
 * {@code --warmup-round-trips=2000} (latency), {@code --mappings=1000} (heap), {@code --workers=<cores>}
 * (relay I/O event loops, as the component sets them), {@code --io-threads=1,2} and {@code --stream-mib=1024}
 * (transports: the I/O thread counts to measure every transport with, and the bytes each stream may push
 * over all its measured windows). Only 127.0.0.1 is used; every loop is bounded in
 * count and time, and a watchdog ends the JVM should anything hang.
 *
 * <p>Besides the figures as the relay produces them, the public-pipe throughput and the latency are
 * also measured with each client steered onto the same relay event loop as its agent connection (and,
 * for throughput, onto another one), to show what the thread hop between two event loops costs.
 *
 * <p>{@code tls} measures the public pipe of a relay that speaks TLS, once with the OpenSSL engine and once
 * with the JDK engine, interleaved with the plain direct baseline and a direct TLS connection between JDK
 * sockets (what TLS alone costs); throughput first, then the latency of a 64-byte round trip.
 *
 * <p>{@code transports} measures the public pipe of a dev-mode relay on every transport present (NIO, epoll
 * with splice off and on, io_uring), each with every I/O thread count asked for, against one direct
 * baseline in the same phase: throughput, then 64-byte round trips; see {@link #transports()}.
 */
public final class RelayBench {

    private static final List<String> SCENARIOS = List.of("throughput", "private", "tls", "latency", "heap",
            "transports");
    /** Concurrent streams of every throughput set. */
    static final int STREAMS = 4;
    private static final long WATCHDOG_MINUTES = 10;
    /**
     * The heartbeat absence threshold of the bench's mappings (the Controller asks for 200 s): as long as the
     * watchdog lets the run go, since sink agents never send anything and must not be closed mid-phase.
     */
    private static final long AGENT_ABSENCE_MILLIS = WATCHDOG_MINUTES * 60_000;
    private static final int LATENCY_ROUNDS = 4;
    /** Pushing before a throughput window counts, so that bytes of the set measured before are out of the way. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final Duration warmup;
    private final Duration window;
    private final int rounds;
    private final int roundTrips;
    private final int warmupRoundTrips;
    private final int mappings;
    private final int workers;
    private final List<Integer> transportIoThreads;
    private final long streamBytes;
    private final LoopbackPorts ports = new LoopbackPorts();
    private final Path scratch;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The table holds rows of the tls scenario, whose relays are not in dev mode. */
    private boolean tlsRows;
    /** What the transports scenario prints after the table of the others: its own table and notes. */
    private final List<String> transportsOutput = new ArrayList<>();
    /** Checks that failed: the run prints its figures, then exits with status 1. */
    private final List<String> failures = new ArrayList<>();

    private RelayBench(Options options, Path scratch) {
        this.warmup = Duration.ofSeconds(options.integer("warmup", 2, 10));
        this.window = Duration.ofSeconds(options.integer("seconds", 5, 20));
        this.rounds = options.integer("rounds", 5, 10);
        this.roundTrips = options.integer("round-trips", 20_000, 1_000_000);
        this.warmupRoundTrips = options.integer("warmup-round-trips", 2_000, 1_000_000);
        this.mappings = options.integer("mappings", 1_000, 5_000); // two sockets each, under the usual fd limits
        this.workers = options.integer("workers", Runtime.getRuntime().availableProcessors(), 64);
        this.transportIoThreads = options.integers("io-threads", List.of(1, 2), 64);
        this.streamBytes = (long) options.integer("stream-mib", 1024, 64 * 1024) << 20;
        this.scratch = scratch;
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger exists: the relay logs every mapping and agent at INFO.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        startWatchdog();
        Path scratch = Files.createTempDirectory("relaybench");
        int status = 0;
        try {
            RelayBench bench = new RelayBench(options, scratch);
            System.out.println(bench.header());
            boolean publicPipe = options.scenarios.contains("throughput");
            boolean privatePipe = options.scenarios.contains("private");
            if (publicPipe || privatePipe) {
                System.out.println("running throughput (" + (publicPipe ? "public" : "") + (publicPipe && privatePipe
                        ? " and " : "") + (privatePipe ? "private" : "") + " pipe) ...");
                bench.throughput(publicPipe, privatePipe);
            }
            if (options.scenarios.contains("tls")) {
                System.out.println("running tls (throughput, then latency; OpenSSL and JDK engines) ...");
                bench.tls();
            }
            if (options.scenarios.contains("latency")) {
                System.out.println("running latency ...");
                bench.latency();
            }
            if (options.scenarios.contains("heap")) {
                System.out.println("running heap ...");
                bench.heap();
            }
            if (options.scenarios.contains("transports")) {
                System.out.println("running transports (throughput, then latency; every transport present) ...");
                bench.transports();
            }
            if (!bench.rows.isEmpty()) {
                System.out.println();
                System.out.println(bench.table());
                bench.notes.forEach(note -> System.out.println("- " + note));
            }
            bench.transportsOutput.forEach(System.out::println);
            if (!bench.failures.isEmpty()) {
                bench.failures.forEach(failure -> System.err.println("RelayBench FAILED: " + failure));
                status = 1;
            }
        } catch (Exception e) {
            System.err.println("RelayBench failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            deleteQuietly(scratch);
        }
        System.exit(status);
    }

    // ---- scenarios ----------------------------------------------------------------------------------

    /**
     * Both throughput scenarios in one phase: the direct set and every relayed set (one relay, one
     * mapping each) stay connected and take turns, round after round (see {@link Throughput#rotate}).
     */
    private void throughput(boolean publicPipe, boolean privatePipe) throws Exception {
        List<Throughput.StreamSet> sets = new ArrayList<>();
        try (EmbeddedRelay relay = newRelay("throughput")) {
            try {
                Throughput.StreamSet direct = keep(sets, Throughput.direct(STREAMS));
                Throughput.StreamSet accepted = publicPipe
                        ? keep(sets, publicStreams(relay, Placement.AS_ACCEPTED, Net.PLAIN)) : null;
                boolean steer = publicPipe && workers > 1;
                Throughput.StreamSet same = steer
                        ? keep(sets, publicStreams(relay, Placement.SAME_LOOP, Net.PLAIN)) : null;
                Throughput.StreamSet other = steer
                        ? keep(sets, publicStreams(relay, Placement.OTHER_LOOP, Net.PLAIN)) : null;
                Throughput.StreamSet privateSet = privatePipe ? keep(sets, privateStreams(relay)) : null;

                Throughput.rotate(sets, warmup, rounds, window.dividedBy(rounds), SETTLE);

                Throughput.Result base = direct.result();
                notes.add(throughputNote("direct", base));
                String writes = STREAMS + " streams × 64 KiB writes, " + window.toSeconds() + " s each";
                if (accepted != null) {
                    addThroughputRow(writes + "; public pipe, 4 clients → 4 agents (" + pairsOnOneLoop(accepted.result())
                            + ")", base, accepted.result(), "public pipe");
                }
                if (same != null) {
                    addThroughputRow("same, each client steered onto its agent's relay event loop (diagnostic; "
                            + pairsOnOneLoop(same.result()) + ")", base, same.result(), "public pipe, steered onto one loop");
                    addThroughputRow("same, each client steered onto another event loop than its agent's (diagnostic; "
                                    + pairsOnOneLoop(other.result()) + ")", base, other.result(),
                            "public pipe, steered across loops");
                }
                if (privateSet != null) {
                    addThroughputRow(writes + "; private pipe, 4 agents A → 4 agents B ("
                            + pairsOnOneLoop(privateSet.result()) + ")", base, privateSet.result(), "private pipe");
                }
            } finally {
                sets.forEach(Throughput.StreamSet::close);
            }
        }
    }

    private void addThroughputRow(String scenario, Throughput.Result direct, Throughput.Result relayed, String what) {
        rows.add(new Row("throughput: " + scenario, "MB/s", direct.megabytesPerSecond(), relayed.megabytesPerSecond(), 0));
        notes.add(throughputNote(what, relayed));
    }

    private void addTlsThroughputRow(String scenario, Throughput.Result direct, Throughput.Result measured,
            String what) {
        rows.add(new Row("throughput (TLS): " + scenario, "MB/s", direct.megabytesPerSecond(),
                measured.megabytesPerSecond(), 0));
        notes.add(throughputNote(what, measured));
    }

    /** Where the bench lets the relay put a public client relative to the agent connection it is paired with. */
    private enum Placement { AS_ACCEPTED, SAME_LOOP, OTHER_LOOP }

    /**
     * A public mapping (maxconnections 4), four fake agents as sinks, four clients pushing.
     * {@code AS_ACCEPTED} connects the four agents, then the four clients, and lets the relay pair
     * them. The steered placements pair one agent and one client at a time (the client's first byte
     * proves the pairing), and open throwaway connections in between as needed: the relay hands each
     * new connection to its event loops in turn. Agents and clients connect through {@code dialer}; the
     * throwaway connections are plain TCP whatever the relay speaks: they only take a loop's turn and are
     * closed before they send anything.
     */
    private Throughput.StreamSet publicStreams(EmbeddedRelay relay, Placement placement, Net.Dialer dialer)
            throws Exception {
        Mapping mapping = relay.registry().addPublic(new PublicPipeSpec(STREAMS, AGENT_ABSENCE_MILLIS));
        List<Socket> agents = new ArrayList<>();
        List<Socket> clients = new ArrayList<>();
        try {
            if (placement == Placement.AS_ACCEPTED) {
                for (int i = 0; i < STREAMS; i++) {
                    agents.add(dialer.agent(mapping.port1(), mapping.passcodePort1()));
                }
                for (int i = 0; i < STREAMS; i++) {
                    clients.add(dialer.connect(mapping.port2()));
                }
                awaitConnections(relay, mapping, 2 * STREAMS);
            } else {
                for (int i = 0; i < STREAMS; i++) {
                    List<Socket> throwaway = new ArrayList<>();
                    // Across loops, every other agent first skips a turn, so that agents and clients
                    // spread evenly over the loops instead of all agents on one and all clients on another.
                    for (int k = 1; placement == Placement.OTHER_LOOP && i % 2 == 1 && k < relay.ioThreads(); k++) {
                        throwaway.add(Net.connect(mapping.port1()));
                        awaitConnections(relay, mapping, 2 * i + throwaway.size());
                    }
                    Socket agent = dialer.agent(mapping.port1(), mapping.passcodePort1());
                    agents.add(agent);
                    awaitConnections(relay, mapping, 2 * i + 1 + throwaway.size());
                    for (int k = 1; placement == Placement.SAME_LOOP && k < relay.ioThreads(); k++) {
                        throwaway.add(Net.connect(mapping.port1()));
                        awaitConnections(relay, mapping, 2 * i + 1 + throwaway.size());
                    }
                    Socket client = dialer.connect(mapping.port2());
                    clients.add(client);
                    awaitConnections(relay, mapping, 2 * i + 2 + throwaway.size());
                    throwaway.forEach(Net::closeQuietly);
                    awaitConnections(relay, mapping, 2 * i + 2);
                    // The only idle agent is this one: once a byte crosses, they are paired.
                    client.getOutputStream().write(i);
                    if (agent.getInputStream().read() != i) {
                        throw new IOException("client " + i + " was not paired with agent " + i);
                    }
                }
            }
        } catch (Exception e) {
            agents.forEach(Net::closeQuietly);
            clients.forEach(Net::closeQuietly);
            throw e;
        }
        return new Throughput.StreamSet(clients, agents, loopOf(relay, mapping));
    }

    /** A private mapping (maxconnections 4 on each side): four agents B authenticate on port2, then four agents A on port1. */
    private Throughput.StreamSet privateStreams(EmbeddedRelay relay) throws Exception {
        Mapping mapping = relay.registry().addPrivate(new PrivatePipeSpec(STREAMS, STREAMS, AGENT_ABSENCE_MILLIS,
                AGENT_ABSENCE_MILLIS));
        List<Socket> sideB = new ArrayList<>();
        List<Socket> sideA = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                sideB.add(Net.agent(mapping.port2(), mapping.passcodePort2()));
            }
            for (int i = 0; i < STREAMS; i++) {
                sideA.add(Net.agent(mapping.port1(), mapping.passcodePort1()));
            }
            awaitConnections(relay, mapping, 2 * STREAMS);
        } catch (Exception e) {
            sideA.forEach(Net::closeQuietly);
            sideB.forEach(Net::closeQuietly);
            throw e;
        }
        return new Throughput.StreamSet(sideA, sideB, loopOf(relay, mapping));
    }

    private static String pairsOnOneLoop(Throughput.Result result) {
        return result.sameLoopPairs() + " of " + STREAMS + " pairs on one event loop, connections per loop "
                + result.loopLoad();
    }

    /** A relay with TLS and the engine its server context runs on. */
    private record EngineRelay(String engine, EmbeddedRelay relay) {
    }

    /**
     * The relay with TLS, one relay per engine (OpenSSL when it loads here, then the JDK's), both with the
     * same self-signed certificate and the bundle's server context: throughput, then latency, each with
     * every configuration interleaved as in the other scenarios.
     */
    private void tls() throws Exception {
        EmbeddedTls material = EmbeddedTls.selfSigned();
        // The bundle's first choices, TLS 1.3 with AES-128-GCM. Offered the JDK's default list, the OpenSSL
        // engine takes the client's first suite (AES-256-GCM) and the JDK engine its own (AES-128-GCM), so
        // the engines would not be compared on the same cipher.
        Net.TlsClient tls = Net.TlsClient.trusting(material.certificate(), EmbeddedTls.protocols().get(0),
                EmbeddedTls.cipherSuites().get(0));
        boolean openSsl = EmbeddedTls.openSslAvailable();
        if (!openSsl) {
            System.out.println("OpenSSL engine " + OpenSslEngine.describe()
                    + "; measuring the JDK engine only");
        }
        notes.add(tlsSetupNote(tls, openSsl));
        tlsRows = true;
        List<EngineRelay> relays = new ArrayList<>();
        try {
            if (openSsl) {
                relays.add(new EngineRelay("OpenSSL", newRelay("tls-openssl",
                        material.relayContext(SslProvider.OPENSSL))));
            }
            relays.add(new EngineRelay("JDK", newRelay("tls-jdk", material.relayContext(SslProvider.JDK))));
            SSLContext directServer = material.jdkServerContext();
            tlsThroughput(directServer, tls, relays);
            tlsLatency(directServer, tls, relays);
        } finally {
            relays.forEach(relay -> relay.relay().close());
        }
    }

    private static String tlsSetupNote(Net.TlsClient tls, boolean openSsl) {
        return "tls: a self-signed EC P-256 certificate for 127.0.0.1 made by the TLS bundle; relay server contexts "
                + "built by the bundle (TLS 1.2/1.3, AEAD suites, no client certificates); clients and agents are "
                + "JDK SSLSockets trusting only that certificate (checked against 127.0.0.1), offering only "
                + tls.protocol() + " with " + tls.cipherSuite() + " so that every TLS connection runs the same "
                + "cipher (offered the JDK's default list, OpenSSL would pick AES-256-GCM, the JDK engine "
                + "AES-128-GCM); "
                + "handshakes happen before any measurement; engines: OpenSSL = "
                + (openSsl ? OpenSslEngine.describe()
                        : "NOT MEASURED, " + OpenSslEngine.describe())
                + ", JDK = " + jdkTlsDescription() + " (also the direct TLS pair and every client)";
    }

    private static String jdkTlsDescription() {
        try {
            Provider provider = SSLContext.getDefault().getProvider();
            return provider.getName() + " " + provider.getVersionStr() + " of Java " + Runtime.version();
        } catch (GeneralSecurityException e) {
            return "Java " + Runtime.version();
        }
    }

    /**
     * The plain direct baseline, a direct TLS set and one public-pipe set per engine, rotated in one
     * phase so that they are measured interleaved.
     */
    private void tlsThroughput(SSLContext directServer, Net.TlsClient tls, List<EngineRelay> relays)
            throws Exception {
        List<Throughput.StreamSet> sets = new ArrayList<>();
        try {
            Throughput.StreamSet direct = keep(sets, Throughput.direct(STREAMS));
            Throughput.StreamSet directTls = keep(sets, directTlsStreams(directServer, tls));
            List<Throughput.StreamSet> relayed = new ArrayList<>();
            for (EngineRelay relay : relays) {
                relayed.add(keep(sets, publicStreams(relay.relay(), Placement.AS_ACCEPTED, tls)));
            }

            Throughput.rotate(sets, warmup, rounds, window.dividedBy(rounds), SETTLE);

            Throughput.Result base = direct.result();
            Throughput.Result tlsBase = directTls.result();
            notes.add(throughputNote("direct (plain, TLS phase)", base));
            addTlsThroughputRow(STREAMS + " streams × 64 KiB writes, " + window.toSeconds() + " s each; direct TLS, "
                    + "no relay: 4 clients → a JDK SSLServerSocket (what TLS alone costs)", base, tlsBase,
                    "direct TLS");
            List<Throughput.Result> results = new ArrayList<>();
            for (int i = 0; i < relays.size(); i++) {
                Throughput.Result result = relayed.get(i).result();
                results.add(result);
                String engine = relays.get(i).engine();
                addTlsThroughputRow("same; public pipe, " + engine + " engine, 4 clients → 4 agents ("
                        + pairsOnOneLoop(result) + ")", base, result, "public pipe, TLS, " + engine + " engine");
            }
            notes.add(tlsThroughputNote(base, tlsBase, relays, results));
        } finally {
            sets.forEach(Throughput.StreamSet::close);
        }
    }

    /** Clients connected straight to a JDK SSLServerSocket whose accepted sockets are the sinks. */
    private Throughput.StreamSet directTlsStreams(SSLContext serverContext, Net.TlsClient tls) throws Exception {
        List<Socket> clients = new ArrayList<>();
        List<Socket> sinks = new ArrayList<>();
        try (ServerSocket server = Net.listen(serverContext)) {
            for (int i = 0; i < STREAMS; i++) {
                Net.Connection connection = Net.connectTls(server, tls);
                clients.add(connection.client());
                sinks.add(connection.server());
            }
        } catch (Exception e) {
            clients.forEach(Net::closeQuietly);
            sinks.forEach(Net::closeQuietly);
            throw e;
        }
        return new Throughput.StreamSet(clients, sinks, null);
    }

    /**
     * The ratios the rows do not show: each relay against direct TLS (JDK sockets at both ends, as the
     * relay's clients and agents are), and the relay threads' CPU per MB: the cores are saturated, so that
     * is where the engines differ.
     */
    private static String tlsThroughputNote(Throughput.Result direct, Throughput.Result directTls,
            List<EngineRelay> relays, List<Throughput.Result> results) {
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT,
                "throughput (TLS): direct TLS / direct plain %.2f", ratio(directTls, direct)));
        for (int i = 0; i < relays.size(); i++) {
            Throughput.Result result = results.get(i);
            note.append(String.format(Locale.ROOT, "; %s engine: relay / direct TLS %.2f, relay threads' CPU "
                    + "%.2f ms per MB relayed", relays.get(i).engine(), ratio(result, directTls),
                    result.cpu().relayThreads() / result.megabytesPerSecond() * 1e3));
        }
        if (relays.size() == 2) {
            note.append(String.format(Locale.ROOT, "; OpenSSL engine / JDK engine %.2f",
                    ratio(results.get(0), results.get(1))));
        }
        return note.toString();
    }

    private static double ratio(Throughput.Result numerator, Throughput.Result denominator) {
        return numerator.megabytesPerSecond() / denominator.megabytesPerSecond();
    }

    /**
     * 64-byte round trips, interleaved: a plain direct client (the baseline), a direct TLS client, and one
     * client per engine through a public pipe whose agent echoes.
     */
    private void tlsLatency(SSLContext directServer, Net.TlsClient tls, List<EngineRelay> relays) throws Exception {
        try (ServerSocket plainServer = Net.listen(); ServerSocket tlsServer = Net.listen(directServer);
                Latency.Echoes echoes = new Latency.Echoes()) {
            addDirectEcho(echoes, plainServer);
            Net.Connection direct = Net.connectTls(tlsServer, tls);
            echoes.add(direct.client(), direct.server());
            List<String> placements = new ArrayList<>();
            for (EngineRelay relay : relays) {
                placements.add(addRelayEcho(echoes, relay.relay(), false, tls));
            }
            List<Latency.Client> clients = echoes.clients(roundTrips);
            Cpu.Usage cpu = interleavedRoundTrips(clients);
            reportTlsLatency(clients, relays, placements, cpu);
        }
    }

    /** Clients in the order direct plain, direct TLS, then one per relay. */
    private void reportTlsLatency(List<Latency.Client> clients, List<EngineRelay> relays, List<String> placements,
            Cpu.Usage cpu) {
        Latency.Result direct = clients.get(0).result();
        Latency.Result directTls = clients.get(1).result();
        String what = "64 B round trip, " + String.format(Locale.ROOT, "%,d", roundTrips) + " timed; ";
        addTlsLatencyRows(what + "direct TLS, no relay: client ↔ a JDK SSLServerSocket that echoes", direct,
                directTls);
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "latency (TLS) means: direct %.1f µs, "
                + "direct TLS %.1f µs", direct.mean(), directTls.mean()));
        for (int i = 0; i < relays.size(); i++) {
            Latency.Result relayed = clients.get(2 + i).result();
            String engine = relays.get(i).engine();
            addTlsLatencyRows(what + "public pipe, " + engine + " engine, agent echoes (" + placements.get(i) + ")",
                    direct, relayed);
            note.append(String.format(Locale.ROOT, ", %s engine %.1f µs (p50 relay / direct TLS %.2f)", engine,
                    relayed.mean(), relayed.p50() / directTls.p50()));
        }
        note.append(String.format(Locale.ROOT, "; all %d measured in %d interleaved rounds; CPU meanwhile: %s",
                clients.size(), LATENCY_ROUNDS, cpu.describe()));
        notes.add(note.toString());
    }

    private void addTlsLatencyRows(String scenario, Latency.Result direct, Latency.Result measured) {
        rows.add(new Row("latency (TLS): " + scenario, "p50 µs", direct.p50(), measured.p50(), 1));
        rows.add(new Row("", "p99 µs", direct.p99(), measured.p99(), 1));
    }

    private void latency() throws Exception {
        try (ServerSocket server = Net.listen(); EmbeddedRelay relay = newRelay("latency");
                Latency.Echoes echoes = new Latency.Echoes()) {
            addDirectEcho(echoes, server);
            // Two public mappings of one relay: on the first, agent and client land where the relay
            // puts them; on the second, the client is steered onto the agent's event loop.
            String acceptedPlacement = addRelayEcho(echoes, relay, false, Net.PLAIN);
            String steeredPlacement = addRelayEcho(echoes, relay, true, Net.PLAIN);
            List<Latency.Client> clients = echoes.clients(roundTrips);
            Cpu.Usage cpu = interleavedRoundTrips(clients);
            Latency.Result direct = clients.get(0).result();
            Latency.Result relayed = clients.get(1).result();
            Latency.Result sameLoop = clients.get(2).result();

            String what = "64 B round trip, " + String.format(Locale.ROOT, "%,d", roundTrips) + " timed; ";
            addLatencyRows(what + "public pipe, agent echoes (" + acceptedPlacement + ")", direct, relayed);
            addLatencyRows(what + "same, client steered onto the agent's relay event loop (diagnostic; "
                    + steeredPlacement + ")", direct, sameLoop);
            notes.add(String.format(Locale.ROOT, "latency means: direct %.1f µs, relay %.1f µs, relay on one event "
                    + "loop %.1f µs; the three were measured in %d interleaved rounds; CPU meanwhile: %s",
                    direct.mean(), relayed.mean(), sameLoop.mean(), LATENCY_ROUNDS, cpu.describe()));
        }
    }

    /** A client of a direct server on 127.0.0.1, answered by the socket the server accepted. */
    private static void addDirectEcho(Latency.Echoes echoes, ServerSocket server) throws IOException {
        Socket client = keep(echoes.sockets(), Net.connect(server.getLocalPort()));
        echoes.add(client, keep(echoes.sockets(), Net.accept(server)));
    }

    /**
     * A client of a new public mapping of the relay, answered by the mapping's lone fake agent (see
     * {@link #relayPair}); returns where the relay put the two.
     */
    private String addRelayEcho(Latency.Echoes echoes, EmbeddedRelay relay, boolean steer, Net.Dialer dialer)
            throws Exception {
        RelayPair pair = relayPair(relay, steer, dialer, echoes.sockets());
        echoes.add(pair.client(), pair.agent());
        return pair.placement(relay);
    }

    /** Warms every client up, then times them in interleaved rounds; returns how busy the cores were meanwhile. */
    private Cpu.Usage interleavedRoundTrips(List<Latency.Client> clients) throws IOException {
        for (Latency.Client client : clients) {
            client.roundTrips(warmupRoundTrips, false);
        }
        Cpu.Snapshot cpu0 = Cpu.Snapshot.now();
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            int count = roundTrips / LATENCY_ROUNDS + (round < roundTrips % LATENCY_ROUNDS ? 1 : 0);
            for (Latency.Client client : clients) {
                client.roundTrips(count, true);
            }
        }
        return cpu0.until(Cpu.Snapshot.now());
    }

    /**
     * A new public mapping with one fake agent (authenticated on port1) and one client on port2, both
     * connected through {@code dialer}.
     * The relay hands each new connection to its I/O event loops in turn, so the client lands on the
     * loop after the agent's. With {@code steer} the bench first opens throwaway connections to port1
     * (closed again) until the turn comes back round to the agent's loop.
     */
    private RelayPair relayPair(EmbeddedRelay relay, boolean steer, Net.Dialer dialer, List<Socket> sockets)
            throws Exception {
        Mapping mapping = relay.registry().addPublic(new PublicPipeSpec(1, AGENT_ABSENCE_MILLIS));
        Socket agent = keep(sockets, dialer.agent(mapping.port1(), mapping.passcodePort1()));
        awaitConnections(relay, mapping, 1);
        List<Socket> throwaway = new ArrayList<>();
        try {
            for (int i = 1; steer && i < relay.ioThreads(); i++) {
                throwaway.add(Net.connect(mapping.port1()));
                awaitConnections(relay, mapping, 1 + throwaway.size());
            }
            Socket client = keep(sockets, dialer.connect(mapping.port2()));
            awaitConnections(relay, mapping, 2 + throwaway.size());
            return new RelayPair(mapping.id(), agent, client);
        } finally {
            throwaway.forEach(Net::closeQuietly);
        }
    }

    /** A fake agent and a public client of one mapping, paired by the relay. */
    private record RelayPair(String mappingId, Socket agent, Socket client) {

        String placement(EmbeddedRelay relay) {
            int agentLoop = relay.eventLoopNumber(mappingId, agent.getLocalPort());
            int clientLoop = relay.eventLoopNumber(mappingId, client.getLocalPort());
            return agentLoop < 0 || clientLoop < 0 ? "placement unknown"
                    : agentLoop == clientLoop ? "agent and client on one event loop"
                    : "agent and client on different event loops";
        }
    }

    private static <T> T keep(List<? super T> list, T item) {
        list.add(item);
        return item;
    }

    private void heap() throws Exception {
        // Relay: idle public mappings as the Controller asks for them (maxconnections 60).
        Heap.Result relayed;
        try (EmbeddedRelay relay = newRelay("heap")) {
            for (int i = 0; i < 20; i++) { // loads classes and fills lazily made caches before the first reading
                relay.registry().remove(relay.registry().addPublic(new PublicPipeSpec(60, 200_000)).id());
            }
            long before = Heap.usedAfterFullGc();
            long start = System.nanoTime();
            for (int i = 0; i < mappings; i++) {
                relay.registry().addPublic(new PublicPipeSpec(60, 200_000));
            }
            long addMillis = (System.nanoTime() - start) / 1_000_000;
            relayed = new Heap.Result(before, Heap.usedAfterFullGc(), mappings, addMillis);
        }
        // Baseline: what two listening sockets cost at the least, i.e. two bound non-blocking
        // ServerSocketChannels registered with one selector, no Netty, no registry.
        Heap.Result direct;
        List<ServerSocketChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            try {
                for (int i = 0; i < 40; i++) {
                    BareSockets.listen(selector).close();
                }
                selector.selectNow();
                long before = Heap.usedAfterFullGc();
                long start = System.nanoTime();
                for (int i = 0; i < 2 * mappings; i++) {
                    channels.add(BareSockets.listen(selector));
                }
                long addMillis = (System.nanoTime() - start) / 1_000_000;
                direct = new Heap.Result(before, Heap.usedAfterFullGc(), mappings, addMillis);
            } finally {
                channels.forEach(Net::closeQuietly);
            }
        }
        String count = String.format(Locale.ROOT, "%,d", mappings);
        rows.add(new Row("heap: " + count + " idle public mappings (direct: " + count
                + " pairs of bound NIO server sockets)", "heap used after, MiB", direct.usedAfter() / 1048576.0,
                relayed.usedAfter() / 1048576.0, 1));
        rows.add(new Row("", "bytes per mapping", direct.bytesEach(), relayed.bytesEach(), 0));
        notes.add(String.format(Locale.ROOT, "heap: used before %.1f MiB (relay run) / %.1f MiB (direct run); adding %s "
                        + "mappings took %,d ms (each add persists the mappings file with fsync), %s socket pairs %,d ms",
                relayed.usedBefore() / 1048576.0, direct.usedBefore() / 1048576.0, count, relayed.addMillis(), count,
                direct.addMillis()));
    }

    /**
     * The public pipe of a dev-mode relay on every transport present (see {@link Transports#setups}), one
     * relay per transport, I/O thread count and splice setting, all built at once: first throughput, each
     * relay's four pairs and the direct set rotated in one phase as in {@code throughput} (windows bounded
     * by time and by bytes); then 64-byte round trips, one client per relay and a direct one, interleaved as
     * in {@code latency}. Every client is steered onto its agent connection's event loop, so that the relays
     * that may splice do whatever their I/O thread count, and every other relay gets the same placement.
     * A relay that should splice and whose {@code splicedBytes()} stays 0 fails the run.
     */
    private void transports() throws Exception {
        List<Transports.Candidate> candidates = Transports.probe();
        candidates.forEach(candidate -> System.out.println("  " + candidate.describe()));
        List<Transports.Setup> setups = Transports.setups(candidates, transportIoThreads);
        List<EmbeddedRelay> relays = new ArrayList<>();
        try {
            for (Transports.Setup setup : setups) {
                relays.add(EmbeddedRelay.builder().mappingsFile(scratch.resolve("transports-" + relays.size() + ".json"))
                        .ports(ports).transport(setup.transport()).ioThreads(setup.ioThreads()).splice(setup.splice())
                        .build());
            }
            List<Transports.ThroughputFigures> throughput = new ArrayList<>();
            Throughput.Result direct = transportsThroughput(relays, throughput);
            List<Transports.LatencyFigures> latency = new ArrayList<>();
            List<String> cpuNote = new ArrayList<>();
            Latency.Result directLatency = transportsLatency(relays, latency, cpuNote);
            List<Transports.Row> rows = new ArrayList<>();
            for (int i = 0; i < setups.size(); i++) {
                rows.add(new Transports.Row(setups.get(i), throughput.get(i), latency.get(i)));
            }
            transportsOutput.add("");
            transportsOutput.add(transportsSetupNote());
            transportsOutput.add("");
            transportsOutput.add(Transports.table(direct, directLatency, rows));
            candidates.stream().filter(candidate -> candidate.transport() == null)
                    .forEach(candidate -> transportsOutput.add("- " + candidate.describe()));
            Transports.notes(direct, directLatency, rows).forEach(note -> transportsOutput.add("- " + note));
            cpuNote.forEach(note -> transportsOutput.add("- " + note));
            failures.addAll(Transports.spliceFailures(rows));
        } finally {
            relays.forEach(EmbeddedRelay::close);
        }
    }

    private String transportsSetupNote() {
        return String.format(Locale.ROOT, "transports: dev mode, public pipe, 127.0.0.1, 1 accept thread and the I/O "
                        + "threads of its row per relay (the same counts for every transport: %s), every client "
                        + "steered onto its agent connection's event loop. Throughput: %d clients → %d agents "
                        + "(client → agent, the spliced direction), 64 KiB writes; each set %d s warm-up, then %d "
                        + "interleaved windows of at most %d ms or %,d MiB per stream over all windows, whichever first. RTT: one "
                        + "client, 64 B, %,d untimed then %,d timed round trips in %d interleaved rounds; agents echo. "
                        + "× direct = relay / direct loopback; CPU per MB received, JVM = clients, sinks and relay",
                transportIoThreads, STREAMS, STREAMS, warmup.toSeconds(), rounds, window.dividedBy(rounds).toMillis(),
                streamBytes >> 20, warmupRoundTrips, roundTrips, LATENCY_ROUNDS);
    }

    /** Throughput of the direct set and of each relay's four steered pairs, rotated in one phase. */
    private Throughput.Result transportsThroughput(List<EmbeddedRelay> relays,
            List<Transports.ThroughputFigures> figures) throws Exception {
        List<Throughput.StreamSet> sets = new ArrayList<>();
        try {
            Throughput.StreamSet direct = keep(sets, Throughput.direct(STREAMS));
            List<Throughput.StreamSet> relayed = new ArrayList<>();
            for (EmbeddedRelay relay : relays) {
                relayed.add(keep(sets, publicStreams(relay, Placement.SAME_LOOP, Net.PLAIN)));
            }
            long[] spliced = splicedBytes(relays);
            long[] delivered = new long[relays.size()];
            for (int i = 0; i < relays.size(); i++) {
                delivered[i] = relayed.get(i).received();
            }
            Throughput.rotate(sets, warmup, rounds, window.dividedBy(rounds), SETTLE, streamBytes * STREAMS / rounds);
            for (int i = 0; i < relays.size(); i++) {
                figures.add(new Transports.ThroughputFigures(relayed.get(i).result(),
                        relays.get(i).splicedBytes() - spliced[i], relayed.get(i).received() - delivered[i]));
            }
            return direct.result();
        } finally {
            sets.forEach(Throughput.StreamSet::close);
        }
    }

    /**
     * Round trips of a direct client and of one steered client per relay, interleaved; adds to {@code notes}
     * how busy the cores were meanwhile.
     */
    private Latency.Result transportsLatency(List<EmbeddedRelay> relays, List<Transports.LatencyFigures> figures,
            List<String> notes) throws Exception {
        try (ServerSocket server = Net.listen(); Latency.Echoes echoes = new Latency.Echoes()) {
            addDirectEcho(echoes, server);
            List<String> placements = new ArrayList<>();
            for (EmbeddedRelay relay : relays) {
                placements.add(addRelayEcho(echoes, relay, true, Net.PLAIN));
            }
            List<Latency.Client> clients = echoes.clients(roundTrips);
            long[] spliced = splicedBytes(relays);
            Cpu.Usage cpu = interleavedRoundTrips(clients);
            long sent = (long) Latency.MESSAGE_BYTES * (warmupRoundTrips + roundTrips);
            for (int i = 0; i < relays.size(); i++) {
                figures.add(new Transports.LatencyFigures(clients.get(i + 1).result(),
                        relays.get(i).splicedBytes() - spliced[i], sent, placements.get(i)));
            }
            notes.add("round trips, all clients together: CPU meanwhile: " + cpu.describe());
            return clients.get(0).result();
        }
    }

    private static long[] splicedBytes(List<EmbeddedRelay> relays) {
        return relays.stream().mapToLong(EmbeddedRelay::splicedBytes).toArray();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** A dev-mode relay (plain TCP) on NIO, splice off, with the bench's I/O threads. */
    private EmbeddedRelay newRelay(String name) throws IOException {
        return newRelay(name, null);
    }

    /** The same, wrapping every connection in TLS with this server context (null: dev mode). */
    private EmbeddedRelay newRelay(String name, SslContext serverContext) throws IOException {
        return EmbeddedRelay.builder().mappingsFile(scratch.resolve(name + ".json")).ports(ports)
                .transport(new NioRelayTransport()).ioThreads(workers).serverContext(serverContext).build();
    }

    private static ToIntFunction<Socket> loopOf(EmbeddedRelay relay, Mapping mapping) {
        return socket -> relay.eventLoopNumber(mapping.id(), socket.getLocalPort());
    }

    /** Waits (bounded) until the relay has registered this many connections of the mapping. */
    /**
     * Waits (bounded) until the relay has registered exactly this many open connections of the mapping
     * (connections we closed may take a moment to leave).
     */
    private static void awaitConnections(EmbeddedRelay relay, Mapping mapping, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMillis(Net.IO_TIMEOUT_MILLIS).toNanos();
        while (relay.openConnections(mapping.id()) != count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the relay has " + relay.openConnections(mapping.id()) + " open connections of "
                        + "mapping " + mapping.id() + ", expected " + count);
            }
            Thread.sleep(1);
        }
    }

    private void addLatencyRows(String scenario, Latency.Result direct, Latency.Result relayed) {
        rows.add(new Row("latency: " + scenario, "p50 µs", direct.p50(), relayed.p50(), 1));
        rows.add(new Row("", "p99 µs", direct.p99(), relayed.p99(), 1));
        rows.add(new Row("", "p99.9 µs", direct.p999(), relayed.p999(), 1));
    }

    private String throughputNote(String what, Throughput.Result result) {
        return String.format(Locale.ROOT, "throughput, %s: %,.0f MB/s (windows from %,.0f to %,.0f); CPU meanwhile: %s; "
                        + "every byte written was received: %s",
                what, result.megabytesPerSecond(), result.slowestRound(), result.fastestRound(), result.cpu().describe(),
                result.allDelivered() ? "yes" : "NO");
    }

    private String header() {
        Runtime runtime = Runtime.getRuntime();
        String cpu = cpuModel();
        return String.format(Locale.ROOT, "RelayBench %s%nmachine: %d cores%s, max heap %,d MiB, %s %s, %s %s %s%n"
                        + "relay: dev mode (plain TCP), NIO transport, %d I/O event loops (transports: each row's "
                        + "transport and I/O threads), 127.0.0.1; clients, agents and direct servers: blocking "
                        + "java.net sockets with TCP_NODELAY, in the same JVM",
                ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                runtime.availableProcessors(), cpu.isEmpty() ? "" : " (" + cpu + ")", runtime.maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"), workers);
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String table() {
        StringBuilder out = new StringBuilder();
        // The TLS rows' relays are not in dev mode, and one of them is a direct TLS connection.
        String relay = tlsRows ? "relay (dev mode; TLS where the row says so)" : "relay (dev mode)";
        out.append("| scenario | figure | direct loopback | ").append(relay).append(" | relay / direct |\n");
        out.append("| --- | --- | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            out.append(row.line()).append('\n');
        }
        return out.toString();
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(WATCHDOG_MINUTES).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("RelayBench: still running after " + WATCHDOG_MINUTES + " minutes; stopping");
            Runtime.getRuntime().halt(2);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A scratch directory under the temp dir; nothing else to do.
        }
    }

    /** One line of the results table. */
    private record Row(String scenario, String figure, double direct, double relayed, int decimals) {

        String line() {
            String number = "%,." + decimals + "f";
            return String.format(Locale.ROOT, "| %s | %s | " + number + " | " + number + " | %.2f |", scenario, figure,
                    direct, relayed, relayed / direct);
        }
    }

    /** Scenario names and {@code --name=value} options. */
    private record Options(List<String> scenarios, Map<String, String> values) {

        static Options parse(String[] args) {
            Set<String> scenarios = new LinkedHashSet<>();
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else if (arg.equals("all")) {
                    scenarios.addAll(SCENARIOS);
                } else if (SCENARIOS.contains(arg)) {
                    scenarios.add(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + "; scenarios: " + SCENARIOS
                            + ", options: --warmup= --seconds= --rounds= --round-trips= --warmup-round-trips= "
                            + "--mappings= --workers= --io-threads=1,2 --stream-mib=");
                }
            }
            List<String> ordered = scenarios.isEmpty() ? SCENARIOS
                    : SCENARIOS.stream().filter(scenarios::contains).toList();
            return new Options(ordered, values);
        }

        int integer(String name, int defaultValue, int max) {
            String value = values.get(name);
            return value == null ? defaultValue : parse(name, value, max);
        }

        /** A comma-separated list of distinct numbers, e.g. {@code --io-threads=1,2}. */
        List<Integer> integers(String name, List<Integer> defaultValues, int max) {
            String value = values.get(name);
            if (value == null) {
                return defaultValues;
            }
            Set<Integer> parsed = new LinkedHashSet<>();
            for (String item : value.split(",")) {
                parsed.add(parse(name, item.trim(), max));
            }
            return List.copyOf(parsed);
        }

        private static int parse(String name, String value, int max) {
            int parsed = Integer.parseInt(value);
            if (parsed < 1 || parsed > max) {
                throw new IllegalArgumentException("--" + name + " must be 1.." + max + ", was " + value);
            }
            return parsed;
        }
    }
}
