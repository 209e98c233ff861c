package org.iofog.connector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.iofog.connector.tls.embedded.EmbeddedTls;

/**
 * The benchmark suite of issue 8, end to end against the connector's distribution: unpacks the tarball into
 * {@code bench/target/connector-bench}, starts it (dev mode, its own ports, 127.0.0.1 only), drives it only
 * through its REST API and the wire protocol, with fake agents that authenticate and heartbeat, and prints every
 * figure beside a direct loopback baseline of the same run, with the ratio and the target it is held against.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.iofog.connector.bench.ConnectorBench [scenario ...] [--option=value ...]</pre>
 *
 * Scenarios, in the order they run: {@code throughput latency private churn tls scale control} (default: all).
 * Exits 1 when a scenario fails (a wrong byte, a closed connection, a mapping not on disk), not when a target is
 * missed: the table says that.
 */
public final class ConnectorBench {

    private static final List<String> SCENARIOS = List.of("throughput", "latency", "private", "churn", "tls", "scale",
            "control");
    private static final Duration WATCHDOG = Duration.ofMinutes(40);
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(20);

    private ConnectorBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ConnectorBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        startWatchdog();
        Report report = new Report();
        int status = 0;
        Distribution distribution = Distribution.unpack(options.tarball, options.work, Distribution.Ports.BENCH);
        for (String[] setting : options.settings) {
            distribution.set(setting[0], setting[1], setting[2]);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(distribution), "bench-stop-connector"));
        long started = System.nanoTime();
        try {
            printMachine(options, distribution);
            status = run(options, distribution, report);
        } finally {
            stopQuietly(distribution);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "## Results (%s, %.0f s)%n%n", ZonedDateTime.now().withNano(0)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), (System.nanoTime() - started) / 1e9);
        System.out.println(report.markdown());
        List<Report.Row> missed = report.missed();
        System.out.println(missed.isEmpty() ? "Every target met."
                : "Targets missed: " + missed.size() + " of " + report.rows().stream().filter(r -> r.target() != null)
                        .count());
        if (status != 0) {
            System.out.println("ConnectorBench FAILED: a scenario failed, see above");
        }
        System.exit(status);
    }

    private static int run(Options options, Distribution distribution, Report report) {
        ConnectorRest rest = ConnectorRest.plain(distribution.ports().http());
        try {
            // The first start of a fresh distribution provisions it (Karaf resolves and installs its features);
            // an installed connector starts from then on the way the second start here does, which is measured.
            long first = System.nanoTime();
            distribution.start(rest);
            double firstStartSeconds = (System.nanoTime() - first) / 1e9;
            distribution.stop();
            long start = System.nanoTime();
            distribution.start(rest);
            double emptyStartSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "connector provisioned and started in %.1f s, started again in %.1f s (pid %d,"
                    + " open-files limit %s)%n", firstStartSeconds, emptyStartSeconds, distribution.pid(),
                    distribution.openFilesLimit());
            ScaleScenario scale = new ScaleScenario(distribution, rest, report);
            PipeScenarios pipes = new PipeScenarios(distribution, rest, report, options.pipes());
            ControlPlane control = new ControlPlane(distribution, rest, report, options.restClients);
            int failed = 0;
            failed += scenario(options, "scale", "idle memory", () -> scale.idle(IDLE_SETTLE));
            failed += scenario(options, "throughput", "throughput (dev mode)", () -> pipes.throughput("dev", Net.PLAIN));
            failed += scenario(options, "latency", "latency", pipes::latency);
            failed += scenario(options, "private", "private pipe", pipes::privatePipe);
            failed += scenario(options, "churn", "connection churn", pipes::churn);
            failed += scenario(options, "tls", "TLS: throughput and churn", () -> {
                try {
                    tlsScenarios(distribution, report, options);
                } finally {
                    distribution.set("org.iofog.connector.cfg", "dev", "true");
                    distribution.awaitRest(rest);
                }
            });
            failed += scenario(options, "scale", "memory after load", () -> scale.afterLoad(IDLE_SETTLE));
            failed += scenario(options, "scale", "scale", () -> scale.run(options.scale()));
            failed += scenario(options, "control", "control plane", () -> {
                try {
                    control.addsAndRemoves(options.adds);
                    control.loneAdds(options.loneAdds);
                    for (int mappings : options.restore) {
                        control.restore(mappings, emptyStartSeconds);
                    }
                } catch (Exception e) {
                    try {
                        control.removeAll();
                    } catch (Exception cleanup) {
                        e.addSuppressed(cleanup);
                    }
                    throw e;
                }
                control.removeAll();
            });
            return failed == 0 ? 0 : 1;
        } catch (Exception e) {
            System.out.println("ConnectorBench: the connector did not start: " + e);
            e.printStackTrace(System.out);
            return 1;
        }
    }

    /**
     * Scenarios 1 and 4 with TLS: dev mode turned off through Config Admin (etc/org.iofog.connector.cfg), so the connector
     * generates its self-signed certificate for 127.0.0.1; agents and clients are JDK TLS clients trusting it.
     */
    private static void tlsScenarios(Distribution distribution, Report report, Options options) throws Exception {
        distribution.set("org.iofog.connector.cfg", "dev", "false");
        X509Certificate certificate = awaitCertificate(distribution.certificateFile());
        SSLContext trust = Net.trustingOnly(certificate);
        ConnectorRest tlsRest = ConnectorRest.tls(distribution.ports().https(), trust);
        distribution.awaitRest(tlsRest);
        String protocol = "TLSv1.3";
        String suite = "TLS_AES_128_GCM_SHA256";
        Net.TlsClient dialer = Net.TlsClient.trusting(certificate, protocol, suite);
        PipeScenarios pipes = new PipeScenarios(distribution, tlsRest, report, options.pipes());
        pipes.throughput("TLS", dialer);
        // The baseline: a direct TLS server (the JDK's engine, its own self-signed certificate), same protocol and suite.
        EmbeddedTls direct = EmbeddedTls.selfSigned();
        Net.TlsClient directDialer = Net.TlsClient.trusting(direct.certificate(), protocol, suite);
        pipes.churn("TLS", dialer, Net.listen(direct.jdkServerContext()), directDialer);
    }

    private static X509Certificate awaitCertificate(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.isRegularFile(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the connector wrote no certificate to " + file + " after dev = false");
            }
            Thread.sleep(100);
        }
        Thread.sleep(500); // written by another process: let it finish
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Runs one scenario when it was asked for; a failure is printed and counted, and the next scenario runs. */
    private static int scenario(Options options, String scenario, String title, Scenario body) {
        if (!options.scenarios.contains(scenario)) {
            return 0;
        }
        System.out.println();
        System.out.println("running " + title + " ...");
        try {
            body.run();
            return 0;
        } catch (Exception e) {
            System.out.println("ConnectorBench: " + title + " failed: " + e);
            e.printStackTrace(System.out);
            return 1;
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    private static void printMachine(Options options, Distribution distribution) throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        System.out.printf(Locale.ROOT, "ConnectorBench %s%nmachine: %d cores (%s), %s, %s %s, %s %s%n"
                        + "distribution: %s, unpacked in %s%nscenarios: %s%n",
                ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.name"),
                System.getProperty("os.version"), options.tarball, distribution.home(), options.scenarios);
    }

    private static void stopQuietly(Distribution distribution) {
        try {
            distribution.stop();
        } catch (Exception e) {
            System.out.println("could not stop the connector: " + e);
        }
    }

    /** Ends the JVM (the shutdown hook stops the connector) should a scenario hang despite its own bounds. */
    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG.toMillis());
                System.out.println("ConnectorBench: still running after " + WATCHDOG.toMinutes() + " minutes; ending");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // The run ended first.
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Command-line options, each with the default the README's results use. */
    private static final class Options {

        Path tarball;
        Path work = Path.of("bench/target/connector-bench");
        Set<String> scenarios = new LinkedHashSet<>();
        List<String[]> settings = new ArrayList<>();
        List<Integer> clientCounts = List.of(1, 4, 8, 64);
        int warmupSeconds = 1;
        int windowSeconds = 1;
        int rounds = 3;
        int roundTrips = 20_000;
        int rate = 10_000;
        int rateConnections = 4;
        int rateSeconds = 6;
        int churnClients = 8;
        int churnAgents = 32;
        int churnSeconds = 6;
        int restClients = 8;
        int adds = 2_000;
        int loneAdds = 1_000;
        List<Integer> restore = List.of(1_000, 5_000);
        int scaleMappings = 1_000;
        int idleAgentsEach = 4;
        int scaleClients = 5_000;
        int holdSeconds = 15;
        int heartbeatSeconds = 5;

        static Options parse(String[] args) throws IOException {
            Options options = new Options();
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    if (!SCENARIOS.contains(arg)) {
                        throw new IllegalArgumentException("unknown scenario " + arg + "; scenarios: " + SCENARIOS);
                    }
                    options.scenarios.add(arg);
                    continue;
                }
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("options take a value: " + arg + "=…");
                }
                String name = arg.substring(2, equals);
                String value = arg.substring(equals + 1);
                switch (name) {
                    case "distribution" -> options.tarball = Path.of(value);
                    case "set" -> options.settings.add(setting(value));
                    case "work" -> options.work = Path.of(value);
                    case "clients" -> options.clientCounts = counts(name, value, 1, 256);
                    case "warmup" -> options.warmupSeconds = bounded(name, value, 0, 60);
                    case "seconds" -> options.windowSeconds = bounded(name, value, 1, 60);
                    case "rounds" -> options.rounds = bounded(name, value, 1, 20);
                    case "round-trips" -> options.roundTrips = bounded(name, value, 100, 1_000_000);
                    case "rate" -> options.rate = bounded(name, value, 100, 1_000_000);
                    case "rate-connections" -> options.rateConnections = bounded(name, value, 1, 256);
                    case "rate-seconds" -> options.rateSeconds = bounded(name, value, 2, 120);
                    case "churn-clients" -> options.churnClients = bounded(name, value, 1, 256);
                    case "churn-agents" -> options.churnAgents = bounded(name, value, 1, 1000);
                    case "churn-seconds" -> options.churnSeconds = bounded(name, value, 2, 120);
                    case "rest-clients" -> options.restClients = bounded(name, value, 1, 256);
                    case "adds" -> options.adds = bounded(name, value, 10, 4_000);
                    case "lone-adds" -> options.loneAdds = bounded(name, value, 8, 4_000);
                    case "restore" -> options.restore = counts(name, value, 1, 5_000);
                    case "mappings" -> options.scaleMappings = bounded(name, value, 1, 2_000);
                    case "idle-agents" -> options.idleAgentsEach = bounded(name, value, 0, 8);
                    case "scale-clients" -> options.scaleClients = bounded(name, value, 0, 6_000);
                    case "hold" -> options.holdSeconds = bounded(name, value, 1, 300);
                    case "heartbeat" -> options.heartbeatSeconds = bounded(name, value, 1, 60);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (options.scenarios.isEmpty()) {
                options.scenarios.addAll(SCENARIOS);
            }
            if (options.tarball == null) {
                options.tarball = findTarball();
            }
            return options;
        }

        PipeScenarios.Settings pipes() {
            return new PipeScenarios.Settings(clientCounts, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(windowSeconds), rounds, roundTrips, rate, rateConnections,
                    Duration.ofSeconds(rateSeconds), churnClients, churnAgents, Duration.ofSeconds(churnSeconds));
        }

        ScaleScenario.Settings scale() {
            return new ScaleScenario.Settings(scaleMappings, idleAgentsEach, scaleClients,
                    Duration.ofSeconds(holdSeconds), Duration.ofSeconds(heartbeatSeconds));
        }

        /** The tarball the build leaves in karaf-distribution/target, run from the repository's root. */
        private static Path findTarball() throws IOException {
            Path target = Path.of("karaf-distribution/target");
            if (!Files.isDirectory(target)) {
                throw new IllegalArgumentException("no karaf-distribution/target here: run from the repository root"
                        + " after mvn -B install -DskipTests, or give --distribution=<tarball>");
            }
            try (Stream<Path> files = Files.list(target)) {
                List<Path> tarballs = files.filter(f -> f.getFileName().toString().matches("iofog-connector-.*\\.tar\\.gz"))
                        .toList();
                if (tarballs.size() != 1) {
                    throw new IllegalArgumentException("expected one iofog-connector-*.tar.gz in " + target + ", found "
                            + tarballs + "; give --distribution=<tarball>");
                }
                return tarballs.get(0);
            }
        }

        /** {@code <file in etc>:<key>=<value>}, e.g. {@code org.iofog.connector.transport.cfg:transport=nio}. */
        private static String[] setting(String value) {
            int colon = value.indexOf(':');
            int equals = value.indexOf('=', colon + 1);
            if (colon <= 0 || equals <= colon + 1 || value.substring(0, colon).contains("/")) {
                throw new IllegalArgumentException("--set takes <file in etc>:<key>=<value>, e.g."
                        + " --set=org.iofog.connector.transport.cfg:transport=nio; was " + value);
            }
            return new String[] {value.substring(0, colon), value.substring(colon + 1, equals),
                    value.substring(equals + 1)};
        }

        private static List<Integer> counts(String name, String value, int min, int max) {
            List<Integer> counts = new ArrayList<>();
            for (String part : value.split(",")) {
                counts.add(bounded(name, part.trim(), min, max));
            }
            return counts;
        }

        private static int bounded(String name, String value, int min, int max) {
            int parsed;
            try {
                parsed = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, was " + value);
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", was " + value);
            }
            return parsed;
        }
    }
}
