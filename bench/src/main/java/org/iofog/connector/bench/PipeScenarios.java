package org.iofog.connector.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.iofog.connector.bench.ConnectorRest.Mapping;
import org.iofog.connector.bench.Report.Target;

/**
 * Scenarios 1 to 4 of the suite, each beside its direct loopback baseline of the same run: public pipe
 * throughput, 64-byte round trips at low load and at a fixed rate, the private pipe, connection churn. Mappings
 * come from the connector's REST API; agents and clients speak the wire protocol over 127.0.0.1.
 */
final class PipeScenarios {

    /** How long and how much each scenario runs; every loop is bounded by these. */
    record Settings(List<Integer> clientCounts, Duration warmup, Duration window, int rounds, int roundTrips,
                    int ratePerSecond, int rateConnections, Duration rateSeconds, int churnClients, int churnAgents,
                    Duration churnWindow) {
    }

    private static final Duration SETTLE = Duration.ofMillis(300);
    /** The longest the connector lets a fresh agent connection settle before it serves a client. */
    private static final Duration AGENT_SETTLE_MAX = Duration.ofMillis(1_100);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final int LATENCY_ROUNDS = 4;
    private static final int PRIVATE_STREAMS = 4;
    private static final int TARGET_CLIENTS = 4;

    private final Distribution distribution;
    private final ConnectorRest rest;
    private final Report report;
    private final Settings settings;

    PipeScenarios(Distribution distribution, ConnectorRest rest, Report report, Settings settings) {
        this.distribution = distribution;
        this.rest = rest;
        this.report = report;
        this.settings = settings;
    }

    /**
     * Scenario 1: for each client count, a public mapping with as many fake agents (reading and discarding) and
     * public clients pushing 64 KiB writes, rotated with as many clients pushing into a direct sink server.
     */
    void throughput(String mode, Net.Dialer dialer) throws Exception {
        warmUp(dialer);
        int most = settings.clientCounts().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int clients : settings.clientCounts()) {
            long rssBefore = distribution.residentBytes();
            Mapping mapping = rest.addPublic(clients);
            try (Throughput.StreamSet direct = Throughput.direct(clients);
                 Throughput.StreamSet relayed = publicStreams(mapping, clients, dialer)) {
                Throughput.rotate(List.of(direct, relayed), settings.warmup(), settings.rounds(), settings.window(),
                        SETTLE);
                checkDelivered(direct, relayed);
                Target target = clients == TARGET_CLIENTS && mode.equals("dev") ? Target.ratioAtLeast(0.5) : null;
                report.add("1. public pipe throughput, " + mode + ", " + clients + " client"
                        + (clients == 1 ? "" : "s"), "MB/s", direct.result().megabytesPerSecond(), relayed.result().megabytesPerSecond(), target);
                report.note(String.format(Locale.ROOT, "throughput %s, %d client%s, cores busy during the windows:"
                        + " direct: %s; through the connector: %s", mode, clients, clients == 1 ? "" : "s",
                        cores(direct.result().cpu()), cores(relayed.result().cpu())));
                if (clients == most) {
                    // Buffers are taken while bytes flow and kept in Netty's pools afterwards: an upper bound.
                    report.add("1. public pipe throughput, " + mode + ", " + clients + " clients",
                            "connector RSS growth per relayed connection while streaming, bytes", Double.NaN,
                            (distribution.residentBytes() - rssBefore) / (2.0 * clients),
                            Target.atMost(64_000, "bytes"));
                }
            } finally {
                rest.remove(mapping.id());
            }
        }
    }

    /**
     * Streams through a public mapping, unmeasured, long enough for both JVMs to compile the relay's paths: the
     * connector was just started, and its first measured seconds would otherwise run interpreted code.
     */
    private void warmUp(Net.Dialer dialer) throws Exception {
        Mapping mapping = rest.addPublic(TARGET_CLIENTS);
        try (Throughput.StreamSet streams = publicStreams(mapping, TARGET_CLIENTS, dialer)) {
            streams.push(WARM_UP, Duration.ZERO, Long.MAX_VALUE, false);
            streams.drain();
        } finally {
            rest.remove(mapping.id());
        }
    }

    /**
     * Scenario 2: one client and one echoing agent, 64-byte round trips one at a time (low load); then
     * {@link Settings#rateConnections} clients sending at a fixed aggregate rate (high load); each interleaved
     * with the same clients of a direct echo server.
     */
    void latency() throws Exception {
        Mapping lone = rest.addPublic(1);
        try (Latency.Echoes echoes = new Latency.Echoes()) {
            addDirectEchoes(echoes, 1);
            addAgentEchoes(echoes, lone.port1(), lone.passcode1(), lone.port2(), 1);
            roundTrips(echoes, "2. public pipe latency, 64 B, one at a time", true);
        } finally {
            rest.remove(lone.id());
        }
        int connections = settings.rateConnections();
        Mapping mapping = rest.addPublic(connections);
        try (Latency.Echoes direct = new Latency.Echoes(); Latency.Echoes relayed = new Latency.Echoes()) {
            addDirectEchoes(direct, connections);
            addAgentEchoes(relayed, mapping.port1(), mapping.passcode1(), mapping.port2(), connections);
            List<Socket> directClients = direct.clientSockets();
            List<Socket> relayedClients = relayed.clientSockets();
            Duration warmup = settings.warmup();
            FixedRate.run(directClients, settings.ratePerSecond(), warmup, null);
            FixedRate.run(relayedClients, settings.ratePerSecond(), warmup, null);
            FixedRate.Recorder directRecorder = new FixedRate.Recorder();
            FixedRate.Recorder relayedRecorder = new FixedRate.Recorder();
            Duration round = settings.rateSeconds().dividedBy(2);
            for (int i = 0; i < 2; i++) {
                FixedRate.run(directClients, settings.ratePerSecond(), round, directRecorder);
                FixedRate.run(relayedClients, settings.ratePerSecond(), round, relayedRecorder);
            }
            String scenario = String.format(Locale.ROOT, "2. public pipe latency, 64 B at %,d requests/s over %d"
                    + " connections", settings.ratePerSecond(), connections);
            addLatencyRows(scenario, directRecorder.result(), relayedRecorder.result(), true);
            report.note(String.format(Locale.ROOT, "fixed rate: achieved %,.0f requests/s direct, %,.0f through the"
                    + " connector (asked %,d)", directRecorder.achievedRate(), relayedRecorder.achievedRate(),
                    settings.ratePerSecond()));
        } finally {
            rest.remove(mapping.id());
        }
    }

    /**
     * Scenario 3: a private mapping, agents A on port1 pushing to agents B on port2 (throughput, rotated with a
     * direct set), then one agent A sending 64 bytes to one agent B that echoes (round trips, interleaved with a
     * direct pair).
     */
    void privatePipe() throws Exception {
        Mapping mapping = rest.addPrivate(PRIVATE_STREAMS);
        try (Throughput.StreamSet direct = Throughput.direct(PRIVATE_STREAMS);
             Throughput.StreamSet relayed = privateStreams(mapping)) {
            Throughput.rotate(List.of(direct, relayed), settings.warmup(), settings.rounds(), settings.window(),
                    SETTLE);
            checkDelivered(direct, relayed);
            report.add("3. private pipe throughput, " + PRIVATE_STREAMS + " agents A → " + PRIVATE_STREAMS
                    + " agents B", "MB/s", direct.result().megabytesPerSecond(), relayed.result().megabytesPerSecond(),
                    Target.ratioAtLeast(0.5));
        } finally {
            rest.remove(mapping.id());
        }
        Mapping lone = rest.addPrivate(1);
        try (Latency.Echoes echoes = new Latency.Echoes()) {
            addDirectEchoes(echoes, 1);
            Socket echoB = Net.agent(lone.port2(), lone.passcode2());
            echoes.sockets().add(echoB);
            echoes.add(Net.agent(lone.port1(), lone.passcode1()), echoB);
            roundTrips(echoes, "3. private pipe latency, 64 B, one at a time", false);
        } finally {
            rest.remove(lone.id());
        }
    }

    /**
     * Scenario 4: clients connecting, exchanging 64 bytes and disconnecting, through a public mapping whose fake
     * agents authenticate again after every session, in interleaved rounds with the same clients against a direct
     * server.
     */
    void churn() throws Exception {
        churn("dev", Net.PLAIN, Net.listen(), Net.PLAIN);
    }

    /**
     * Scenario 4 in {@code mode}: agents and clients dial the connector with {@code relayDialer}; the baseline's
     * clients dial {@code directServer} (closed at the end) with {@code directDialer}.
     */
    void churn(String mode, Net.Dialer relayDialer, ServerSocket directServer, Net.Dialer directDialer)
            throws Exception {
        int agents = settings.churnAgents();
        Mapping mapping;
        try {
            mapping = rest.addPublic(agents);
        } catch (Exception e) {
            directServer.close();
            throw e;
        }
        long directSessions = 0;
        double directSeconds = 0;
        long relayedSessions = 0;
        double relayedSeconds = 0;
        long served = 0;
        Duration round = settings.churnWindow().dividedBy(2);
        try (Churn.Answerers directAnswerers = Churn.direct(directServer, agents);
             Churn.Answerers agentAnswerers = Churn.agents(relayDialer, mapping.port1(), mapping.passcode1(), agents)) {
            for (int i = 0; i < 2; i++) {
                Churn.Result direct = Churn.run(directDialer, directServer.getLocalPort(), settings.churnClients(),
                        settings.warmup(), round, 10_000_000, directAnswerers);
                Churn.Result relayed = Churn.run(relayDialer, mapping.port2(), settings.churnClients(),
                        settings.warmup(), round, 10_000_000, agentAnswerers);
                directSessions += direct.sessions();
                directSeconds += direct.sessions() / direct.sessionsPerSecond();
                relayedSessions += relayed.sessions();
                relayedSeconds += relayed.sessions() / relayed.sessionsPerSecond();
                served = relayed.served();
                report.note(String.format(Locale.ROOT, "churn %s round %d, cores busy: direct: %s; through the"
                        + " connector: %s", mode, i + 1, cores(direct.cpu()), cores(relayed.cpu())));
            }
        } finally {
            rest.remove(mapping.id());
        }
        report.add("4. connection churn, " + mode + ", " + settings.churnClients() + " clients, " + agents
                + " agent connections", "sessions/s", directSessions / directSeconds, relayedSessions / relayedSeconds,
                mode.equals("dev") ? Target.ratioAtLeast(0.95) : null);
        report.note(String.format(Locale.ROOT, "churn %s: %,d sessions through the connector, each closing its agent"
                + " connection; the fake agents authenticated and served %,d sessions in all (warm-ups included)",
                mode, relayedSessions, served));
    }

    /** Where the two cores went: the tool's JVM, everything else (the connector above all), the hypervisor. */
    private static String cores(Cpu.Usage usage) {
        return String.format(Locale.ROOT, "tool %.2f, connector and other processes %.2f, hypervisor steal %.2f",
                usage.process(), usage.otherProcesses(), usage.steal());
    }

    private void roundTrips(Latency.Echoes echoes, String scenario, boolean withTargets) throws Exception {
        int perRound = settings.roundTrips() / LATENCY_ROUNDS;
        List<Latency.Client> clients = echoes.clients(settings.roundTrips());
        for (Latency.Client client : clients) {
            client.roundTrips(Math.max(1, settings.roundTrips() / 10), false);
        }
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            for (Latency.Client client : clients) {
                client.roundTrips(perRound, true);
            }
        }
        addLatencyRows(scenario, clients.get(0).result(), clients.get(1).result(), withTargets);
    }

    private void addLatencyRows(String scenario, Latency.Result direct, Latency.Result relayed, boolean withTargets) {
        report.add(scenario, "p50 µs", direct.p50(), relayed.p50(), withTargets ? Target.ratioAtMost(2) : null);
        report.add(scenario, "p99 µs", direct.p99(), relayed.p99(), withTargets ? Target.ratioAtMost(2.5) : null);
        report.add(scenario, "p99.9 µs", direct.p999(), relayed.p999(), null);
    }

    /** {@code count} clients of a direct echo server, each with the accepted socket that echoes. */
    private static void addDirectEchoes(Latency.Echoes echoes, int count) throws IOException {
        try (ServerSocket server = Net.listen()) {
            for (int i = 0; i < count; i++) {
                Socket client = Net.connect(server.getLocalPort());
                echoes.sockets().add(client);
                echoes.add(client, Net.accept(server));
            }
        }
    }

    /** {@code count} fake agents that echo, authenticated first, then as many public clients. */
    private static void addAgentEchoes(Latency.Echoes echoes, int port1, String passcode, int port2, int count)
            throws IOException, InterruptedException {
        List<Socket> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket agent = Net.agent(port1, passcode);
            echoes.sockets().add(agent);
            agents.add(agent);
        }
        // As a real agent's connections do, they wait idle for clients: the connector gives a fresh
        // connection at most a second to settle before it serves a client (docs/protocol.md §3).
        Thread.sleep(AGENT_SETTLE_MAX.toMillis());
        for (Socket agent : agents) {
            Socket client = Net.connect(port2);
            echoes.sockets().add(client);
            echoes.add(client, agent);
        }
    }

    /** The mapping's agents authenticate (they are the sinks), then as many public clients connect and push. */
    private static Throughput.StreamSet publicStreams(Mapping mapping, int count, Net.Dialer dialer)
            throws IOException {
        return streams(count, () -> dialer.agent(mapping.port1(), mapping.passcode1()),
                () -> dialer.connect(mapping.port2()));
    }

    /** Agents B authenticate on port2 (the sinks), then agents A on port1 (the writers). */
    private static Throughput.StreamSet privateStreams(Mapping mapping) throws IOException {
        return streams(PRIVATE_STREAMS, () -> Net.agent(mapping.port2(), mapping.passcode2()),
                () -> Net.agent(mapping.port1(), mapping.passcode1()));
    }

    /** {@code count} sinks opened first, so that every writer opened after them has one waiting; all or none. */
    private static Throughput.StreamSet streams(int count, Churn.Source sink, Churn.Source writer)
            throws IOException {
        List<Socket> sinks = new ArrayList<>();
        List<Socket> writers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sinks.add(sink.next());
            }
            for (int i = 0; i < count; i++) {
                writers.add(writer.next());
            }
        } catch (IOException e) {
            sinks.forEach(Net::closeQuietly);
            writers.forEach(Net::closeQuietly);
            throw e;
        }
        return new Throughput.StreamSet(writers, sinks, null);
    }

    private static void checkDelivered(Throughput.StreamSet... sets) throws IOException {
        for (Throughput.StreamSet set : sets) {
            if (!set.result().allDelivered()) {
                throw new IOException("a stream set's sinks did not receive every byte written");
            }
        }
    }
}
