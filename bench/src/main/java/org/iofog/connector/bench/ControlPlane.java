package org.iofog.connector.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.iofog.connector.bench.ConnectorRest.Mapping;
import org.iofog.connector.bench.Report.Target;
import org.iofog.connector.relay.embedded.EmbeddedRelay;

/**
 * Scenario 5, the control plane: mapping adds and removes per second over REST, as concurrent Controllers send
 * them, beside {@code status} requests (which write nothing) as the baseline; then the time the connector takes to
 * restore 1,000 and 5,000 persisted mappings when it starts, beside the time the bench takes to bind the same
 * listening ports itself.
 */
final class ControlPlane {

    private static final Pattern RESTORED = Pattern.compile("Restored (\\d+) of (\\d+) persisted mappings in (\\d+) ms");

    private final Distribution distribution;
    private final ConnectorRest rest;
    private final Report report;
    private final int clients;
    private final List<Mapping> added = Collections.synchronizedList(new ArrayList<>());

    ControlPlane(Distribution distribution, ConnectorRest rest, Report report, int clients) {
        this.distribution = distribution;
        this.rest = rest;
        this.report = report;
        this.clients = clients;
    }

    /** Adds per second, then removes per second, each checked against the mappings file; status as the baseline. */
    void addsAndRemoves(int adds) throws Exception {
        int before = mappingsOnDisk();
        // Both JVMs warm up on the requests measured, as many as are measured.
        rate(adds, client -> client.status());
        rate(adds, client -> added.add(client.addPublic(60)));
        removeAll();
        double status = rate(adds, client -> client.status());
        double addRate = rate(adds, client -> added.add(client.addPublic(60)));
        expectOnDisk(before + adds, "after " + adds + " adds");
        double removeRate = removeAll();
        expectOnDisk(before, "after removing them");
        String scenario = "5. control plane, " + clients + " REST clients (direct: status requests)";
        report.add(scenario, "durable mapping adds/s", status, addRate, Target.atLeast(1000, "adds/s"));
        report.add(scenario, "durable mapping removes/s", status, removeRate, null);
    }

    /**
     * The Controller's own pattern: one client adding one mapping at a time and waiting for each answer, timed
     * request by request, beside one client's {@code status} requests (which write nothing) as the baseline.
     * Interleaved in rounds, as the latency scenario is, so that the machine's background load touches both alike.
     */
    void loneAdds(int adds) throws Exception {
        int before = mappingsOnDisk();
        ConnectorRest client = rest.newClient();
        int rounds = 4;
        int perRound = Math.max(1, adds / rounds);
        List<Long> statusNanos = new ArrayList<>();
        List<Long> addNanos = new ArrayList<>();
        Request status = ConnectorRest::status;
        Request add = c -> added.add(c.addPublic(60));
        timed(perRound, client, status, null);
        timed(perRound, client, add, null);
        removeAll();
        for (int round = 0; round < rounds; round++) {
            timed(perRound, client, status, statusNanos);
            timed(perRound, client, add, addNanos);
        }
        expectOnDisk(before + perRound * rounds, "after " + perRound * rounds + " lone adds");
        removeAll();
        Latency.Result statusTimes = Latency.summarize(statusNanos.stream().mapToLong(Long::longValue).toArray());
        Latency.Result addTimes = Latency.summarize(addNanos.stream().mapToLong(Long::longValue).toArray());
        String scenario = "5. control plane, one Controller adding in sequence (direct: status requests)";
        report.add(scenario, "durable mapping add p50 ms", statusTimes.p50() / 1e3, addTimes.p50() / 1e3,
                Target.atMost(1, "ms"));
        report.add(scenario, "durable mapping add p99 ms", statusTimes.p99() / 1e3, addTimes.p99() / 1e3, null);
        report.add(scenario, "durable mapping adds/s", 1e6 / statusTimes.mean(), 1e6 / addTimes.mean(), null);
    }

    private static void timed(int count, ConnectorRest client, Request request, List<Long> nanos) throws Exception {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            request.send(client);
            if (nanos != null) {
                nanos.add(System.nanoTime() - start);
            }
        }
    }

    /**
     * Grows the connector to {@code mappings} public mappings, stops it, binds their ports in the bench as the
     * baseline, starts it and times the restore: the connector's own figure from its log, and from {@code
     * bin/start} until every restored port accepts.
     */
    void restore(int mappings, double emptyStartSeconds) throws Exception {
        int missing = mappings - rest.status().path("mappings").asInt();
        if (missing > 0) {
            rate(missing, client -> added.add(client.addPublic(60)));
        }
        List<Integer> ports = new ArrayList<>();
        synchronized (added) {
            for (Mapping mapping : added) {
                ports.add(mapping.port1());
                ports.add(mapping.port2());
            }
        }
        expectOnDisk(mappings, "before the restart");
        distribution.stop();
        double bindMillis = bindAll(ports);
        long logBefore = distribution.logText().length();
        long start = System.nanoTime();
        distribution.start(rest);
        awaitAccepting(ports);
        double startSeconds = (System.nanoTime() - start) / 1e9;
        Matcher restored = RESTORED.matcher(distribution.logText().substring((int) logBefore));
        if (!restored.find() || Integer.parseInt(restored.group(1)) != mappings) {
            throw new IOException("the connector's log says no \"Restored " + mappings + " of " + mappings
                    + " persisted mappings in … ms\" after the restart; see " + distribution.log());
        }
        double restoreMillis = Double.parseDouble(restored.group(3));
        String scenario = String.format(Locale.ROOT, "5. restore %,d persisted mappings (%,d ports) at start", mappings,
                ports.size());
        report.add(scenario, "restore ms (direct: binding the ports)", bindMillis, restoreMillis,
                mappings >= 5000 ? Target.atMost(3000, "ms") : null);
        report.add(scenario, "bin/start until every port accepts, s (direct: empty connector)", emptyStartSeconds,
                startSeconds, null);
        report.note(String.format(Locale.ROOT, "restore %,d: the connector's open-files limit %s, %,d files open",
                mappings, distribution.openFilesLimit(), distribution.openFiles()));
    }

    /** Removes every mapping this scenario added. */
    double removeAll() throws Exception {
        List<Mapping> mine;
        synchronized (added) {
            mine = new ArrayList<>(added);
            added.clear();
        }
        AtomicInteger next = new AtomicInteger();
        return mine.isEmpty() ? 0 : rate(mine.size(), client -> client.remove(mine.get(next.getAndIncrement()).id()));
    }

    /** Runs {@code count} requests over the configured clients and answers requests per second. */
    private double rate(int count, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                ConnectorRest client = rest.newClient();
                done.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        request.send(client);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Binds every port as a listening socket in the bench and closes them again; answers how long binding took. */
    private static double bindAll(List<Integer> ports) throws IOException {
        List<ServerSocketChannel> channels = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int port : ports) {
                ServerSocketChannel channel = ServerSocketChannel.open();
                channels.add(channel);
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(Net.LOOPBACK, port));
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            channels.forEach(Net::closeQuietly);
        }
    }

    /** Waits (bounded) until every port accepts a connection; each is tried again until it does. */
    private static void awaitAccepting(List<Integer> ports) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int port : ports) {
            while (!Distribution.accepts(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("port " + port + " of a restored mapping does not accept connections");
                }
                Thread.sleep(5);
            }
        }
    }

    private int mappingsOnDisk() throws IOException {
        return EmbeddedRelay.readMappingsFile(distribution.mappingsFile()).size();
    }

    private void expectOnDisk(int expected, String when) throws IOException {
        int found = mappingsOnDisk();
        if (found != expected) {
            throw new IOException("the mappings file holds " + found + " mappings " + when + ", expected " + expected);
        }
    }

    @FunctionalInterface
    private interface Request {
        void send(ConnectorRest client) throws IOException, InterruptedException;
    }
}
