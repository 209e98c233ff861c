package org.iofog.connector.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.iofog.connector.bench.ConnectorRest.Mapping;
import org.iofog.connector.bench.Report.Target;

/**
 * Scenario 6, scale and memory: the idle distribution's resident size beside a JVM that does nothing; then, step
 * by step, idle public mappings, idle agent connections with heartbeats, and public clients paired with agent
 * connections, idle too; the connector's heap (after full collections) and resident size after each step, per
 * mapping and per connection, beside what bare NIO sockets cost in the bench's own JVM.
 */
final class ScaleScenario {

    /** Connections of the scale step, per mapping: idle agents, and agents each paired with one idle client. */
    record Settings(int mappings, int idleAgentsEach, int clients, Duration hold, Duration heartbeat) {
    }

    /** How far above the idle size the connector may stay once a load is over and every connection is closed. */
    private static final double AFTER_LOAD_ALLOWANCE_MB = 32;
    /** How long the answers to the BEATs sent so far may take to arrive once the hold is over. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    private final Distribution distribution;
    private final ConnectorRest rest;
    private final Report report;
    /** The idle resident size measured at the start of this run; -1 until then. */
    private long idleRss = -1;

    ScaleScenario(Distribution distribution, ConnectorRest rest, Report report) {
        this.distribution = distribution;
        this.rest = rest;
        this.report = report;
    }

    /** The distribution just started and left alone for {@code settle}: its resident size, beside an idle JVM's. */
    void idle(Duration settle) throws IOException, InterruptedException {
        Thread.sleep(settle.toMillis());
        long connectorRss = distribution.residentBytes();
        idleRss = connectorRss;
        long bareRss = idleJvmResidentBytes();
        report.add("6. idle distribution, " + settle.toSeconds() + " s after start (direct: a JVM that only sleeps)",
                "RSS MB", bareRss / 1e6, connectorRss / 1e6, Target.atMost(160, "MB"));
    }

    /**
     * The resident size once the scenarios before have closed every mapping and connection and {@code settle} has
     * passed, beside the idle size of the same run: what the connector keeps after a burst (pooled direct memory,
     * a heap that does not shrink). Skipped when the idle size was not measured in this run.
     */
    void afterLoad(Duration settle) throws IOException, InterruptedException {
        if (idleRss < 0) {
            System.out.println("memory after load: skipped, the idle size was not measured in this run");
            return;
        }
        Thread.sleep(settle.toMillis());
        long afterRss = distribution.residentBytes();
        double idleMb = idleRss / 1e6;
        report.add("6. after the pipe scenarios, every connection closed, " + settle.toSeconds()
                        + " s later (direct: the idle distribution of this run)", "RSS MB", idleMb, afterRss / 1e6,
                Target.atMost(idleMb + AFTER_LOAD_ALLOWANCE_MB, "MB (idle + " + (int) AFTER_LOAD_ALLOWANCE_MB + ")"));
    }

    void run(Settings settings) throws Exception {
        // The baselines first, while the bench holds no other socket: it may hold as many files as the connector.
        double bareListeners = BareSockets.heapPerListeningPair(settings.mappings());
        double bareConnection = BareSockets.heapPerConnection(Math.min(2_000, settings.mappings() * 2));
        long heap0 = distribution.heapUsedAfterFullGc();
        long rss0 = distribution.residentBytes();
        List<Mapping> mappings = new ArrayList<>();
        try (IdleConnections connections = new IdleConnections(settings.heartbeat().toMillis())) {
            for (int i = 0; i < settings.mappings(); i++) {
                mappings.add(rest.addPublic(60));
            }
            long heap1 = distribution.heapUsedAfterFullGc();
            long rss1 = distribution.residentBytes();
            for (Mapping mapping : mappings) {
                for (int i = 0; i < settings.idleAgentsEach(); i++) {
                    connections.addAgent(mapping.port1(), mapping.passcode1());
                }
            }
            int idleAgents = settings.mappings() * settings.idleAgentsEach();
            Thread.sleep(settings.heartbeat().toMillis()); // every agent connection beats once
            long heap2 = distribution.heapUsedAfterFullGc();
            long rss2 = distribution.residentBytes();
            // Each client pairs with an agent connection of its own, so the idle ones stay idle.
            for (int i = 0; i < settings.clients(); i++) {
                Mapping mapping = mappings.get(i % mappings.size());
                connections.addAgent(mapping.port1(), mapping.passcode1());
            }
            for (int i = 0; i < settings.clients(); i++) {
                connections.addClient(mappings.get(i % mappings.size()).port2());
            }
            // Longer than the connector lets an unpaired client wait: a client still open afterwards is paired.
            Thread.sleep(settings.hold().toMillis());
            long heap3 = distribution.heapUsedAfterFullGc();
            long rss3 = distribution.residentBytes();
            int openFiles = distribution.openFiles();
            connections.checkFailure();
            checkAllKept(connections);

            int relayedConnections = 2 * settings.clients();
            String scale = String.format(Locale.ROOT, "6. scale: %,d mappings, %,d idle agent connections, %,d idle"
                    + " public clients each paired with an agent connection", settings.mappings(), idleAgents,
                    settings.clients());
            report.add(scale, "heap per idle mapping, bytes (direct: 2 bound NIO listeners)",
                    bareListeners,
                    (heap1 - heap0) / (double) settings.mappings(), Target.atMost(20_000, "bytes"));
            report.add(scale, "heap per idle agent connection, bytes (direct: an NIO socket)", bareConnection,
                    (heap2 - heap1) / (double) idleAgents, null);
            report.add(scale, "heap per relayed connection, bytes (direct: an NIO socket)", bareConnection,
                    (heap3 - heap2) / (double) relayedConnections, Target.atMost(64_000, "bytes"));
            report.add(scale, "RSS per idle mapping, bytes", Double.NaN, (rss1 - rss0) / (double) settings.mappings(),
                    null);
            report.add(scale, "RSS per connection (agents and clients), bytes", Double.NaN,
                    (rss3 - rss1) / (double) (idleAgents + relayedConnections), null);
            report.add(scale, "connector heap used at full scale, MB", Double.NaN, heap3 / 1e6, null);
            report.add(scale, "connector RSS at full scale, MB", Double.NaN, rss3 / 1e6, null);
            report.note(String.format(Locale.ROOT, "scale: heap %.1f → %.1f → %.1f → %.1f MB, RSS %.1f → %.1f → %.1f →"
                    + " %.1f MB (idle; mappings; idle agents; paired clients); %,d files open in the connector (limit"
                    + " %s); %,d BEATs sent, %,d answered; held %d s with heartbeats every %d s",
                    heap0 / 1e6, heap1 / 1e6, heap2 / 1e6, heap3 / 1e6, rss0 / 1e6, rss1 / 1e6, rss2 / 1e6, rss3 / 1e6,
                    openFiles, distribution.openFilesLimit(), connections.beatsSent(), connections.beatsAnswered(),
                    settings.hold().toSeconds(), settings.heartbeat().toSeconds()));
        } finally {
            for (Mapping mapping : mappings) {
                rest.remove(mapping.id());
            }
        }
    }

    /** Every connection still open, no byte reached an idle client, and the connector answered the heartbeats. */
    private static void checkAllKept(IdleConnections connections) throws IOException, InterruptedException {
        if (connections.closedByConnector() > 0) {
            throw new IOException(connections.closedByConnector() + " idle connections were closed by the connector");
        }
        if (connections.clientBytes() > 0) {
            throw new IOException("idle public clients received " + connections.clientBytes() + " bytes");
        }
        // A whole round of answers may still be on its way: the heap was just measured after full collections,
        // which stop the connector while thousands of agents beat. Every BEAT sent by now must be answered.
        long sent = connections.beatsSent();
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (connections.beatsAnswered() < sent && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (connections.beatsAnswered() < sent) {
            throw new IOException("the connector answered " + connections.beatsAnswered() + " of " + sent
                    + " BEATs within " + ANSWER_WAIT.toSeconds() + " s");
        }
    }

    /** The resident size of a JVM of this machine that starts and sleeps (the bench's own jar, no work). */
    private static long idleJvmResidentBytes() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(ScaleScenario.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        Process process = new ProcessBuilder(java, "-cp", jar, IdleJvm.class.getName()).redirectErrorStream(true)
                .start();
        try {
            Thread.sleep(3_000);
            return Distribution.residentBytes(process.pid());
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The idle JVM of the baseline: sleeps, bounded, until it is ended. */
    static final class IdleJvm {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
