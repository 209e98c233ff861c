package org.iofog.connector.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The connector's Karaf distribution, unpacked into a folder of the bench's own and run there: started and
 * stopped with its own scripts, configured by editing its {@code etc/*.cfg} files as an operator does (Config
 * Admin picks the change up while it runs), observed from outside (its process in {@code /proc}, {@code jcmd},
 * its log file). Its ports are moved off the defaults, so a connector already running here stays untouched, and
 * every listener binds 127.0.0.1 only.
 */
final class Distribution {

    /** The ports of the bench's connector; none of them is a default, so nothing else running here is hit. */
    record Ports(int http, int https, int ssh, int rmiRegistry, int rmiServer, String relayRange) {
        static final Ports BENCH = new Ports(18780, 18743, 18701, 11799, 45145, "20000-29999");
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final Ports ports;

    private Distribution(Path home, Ports ports) {
        this.home = home;
        this.ports = ports;
    }

    /**
     * Unpacks {@code tarball} into a fresh {@code work} folder and configures it: dev mode, ports moved, relay and
     * REST on 127.0.0.1, the relay's port range {@link Ports#relayRange}, no import of an old daemon's files, a
     * self-signed certificate for 127.0.0.1 generated when dev mode is turned off.
     */
    static Distribution unpack(Path tarball, Path workFolder, Ports ports) throws IOException, InterruptedException {
        Path work = workFolder.toAbsolutePath();
        for (int port : List.of(ports.http(), ports.https(), ports.ssh())) {
            if (accepts(port)) {
                throw new IOException("something already listens on 127.0.0.1:" + port + ", a port of the bench's"
                        + " connector: is an earlier run's connector still up? (" + work + "/*/bin/stop)");
            }
        }
        if (!Files.isRegularFile(tarball)) {
            throw new IOException("no distribution at " + tarball + ": build it first (mvn -B install -DskipTests)"
                    + " or name it with --distribution=");
        }
        deleteTree(work);
        Files.createDirectories(work);
        run(work, Duration.ofSeconds(120), "tar", "xzf", tarball.toAbsolutePath().toString(), "-C", work.toString());
        Path home;
        try (Stream<Path> entries = Files.list(work)) {
            home = entries.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException(tarball + " holds no folder"));
        }
        Distribution distribution = new Distribution(home.toRealPath(), ports);
        distribution.set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(ports.ssh()));
        distribution.set("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(ports.rmiRegistry()));
        distribution.set("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(ports.rmiServer()));
        distribution.set("org.iofog.connector.rest.cfg", "http.port", Integer.toString(ports.http()));
        distribution.set("org.iofog.connector.rest.cfg", "https.port", Integer.toString(ports.https()));
        distribution.set("org.iofog.connector.rest.cfg", "bind.address", "127.0.0.1");
        distribution.set("org.iofog.connector.relay.cfg", "bind.address", "127.0.0.1");
        distribution.set("org.iofog.connector.ports.cfg", "ports", ports.relayRange());
        distribution.set("org.iofog.connector.cfg", "legacy.import", "false");
        distribution.set("org.iofog.connector.cfg", "dev", "true");
        distribution.set("org.iofog.connector.tls.cfg", "self.signed.generate", "true");
        distribution.set("org.iofog.connector.tls.cfg", "self.signed.names", "127.0.0.1");
        return distribution;
    }

    Path home() {
        return home;
    }

    Ports ports() {
        return ports;
    }

    /** Where the relay keeps its mappings (the default of {@code mappings.file}). */
    Path mappingsFile() {
        return home.resolve("iofog-connector/configs.json");
    }

    /** The self-signed certificate the TLS bundle generates when dev mode is off. */
    Path certificateFile() {
        return home.resolve("iofog-connector/server-cert.pem");
    }

    /** Sets one property of one {@code etc} file, as an operator's editor would: the line replaced, or added. */
    void set(String cfgFile, String key, String value) throws IOException {
        Path file = home.resolve("etc").resolve(cfgFile);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Pattern property = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (property.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Starts Karaf in the background ({@code bin/start}) and returns once the REST API answers. */
    void start(ConnectorRest rest) throws IOException, InterruptedException {
        // Karaf leaves the file of its last run behind; the new JVM writes its own once it runs.
        Files.deleteIfExists(home.resolve("karaf.pid"));
        run(home, Duration.ofSeconds(60), home.resolve("bin/start").toString());
        awaitRest(rest);
    }

    /** Waits (bounded) until the REST API answers {@code status}. */
    void awaitRest(ConnectorRest rest) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                rest.status();
                return;
            } catch (IOException e) {
                last = e;
            }
            if (pid() > 0 && !isAlive()) {
                throw new IOException("the connector's JVM ended while starting; see " + log());
            }
            Thread.sleep(100);
        }
        throw new IOException("the connector's REST API did not answer within " + START_TIMEOUT.toSeconds()
                + " s; last: " + last + "; see " + log());
    }

    /**
     * Stops Karaf ({@code bin/stop}) and waits (bounded) until its JVM is gone and its REST ports are closed. Also
     * stops a connector whose pid file is not written yet (one interrupted while starting).
     */
    void stop() throws IOException, InterruptedException {
        long pid = pid();
        boolean alive = pid > 0 && isAlive();
        if (!alive && !accepts(ports.http()) && !accepts(ports.https())) {
            return;
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!alive && pid() == 0 && System.nanoTime() < deadline) { // still starting: its pid comes soon
            Thread.sleep(100);
        }
        pid = pid();
        try {
            run(home, Duration.ofSeconds(60), home.resolve("bin/stop").toString());
        } catch (IOException e) {
            System.out.println("bin/stop: " + e.getMessage());
        }
        while (isAlive() || accepts(ports.http()) || accepts(ports.https())) {
            if (System.nanoTime() > deadline) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                throw new IOException("the connector did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killed");
            }
            Thread.sleep(50);
        }
    }

    /** The connector JVM's process id, from Karaf's pid file; 0 before the first start. */
    long pid() throws IOException {
        Path file = home.resolve("karaf.pid");
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        String text = Files.readString(file).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    boolean isAlive() throws IOException {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Resident set size of the connector's JVM, bytes ({@code VmRSS} of {@code /proc/<pid>/status}). */
    long residentBytes() throws IOException {
        return residentBytes(pid());
    }

    /** Resident set size of any process of this machine, bytes. */
    static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** The connector's limit of open files, as its JVM got it ({@code /proc/<pid>/limits}). */
    String openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                return fields[0] + " (soft) / " + fields[1] + " (hard)";
            }
        }
        return "unknown";
    }

    /** Open file descriptors of the connector's JVM. */
    int openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            return (int) fds.count();
        }
    }

    /**
     * Heap in use by the connector's JVM after full collections, bytes: {@code jcmd GC.run} then {@code jcmd
     * GC.heap_info}, the smallest of three readings (as the bench reads its own heap, {@link Heap}).
     */
    long heapUsedAfterFullGc() throws IOException, InterruptedException {
        long least = Long.MAX_VALUE;
        Pattern used = Pattern.compile("total \\d+K, used (\\d+)K");
        for (int i = 0; i < 3; i++) {
            run(home, Duration.ofSeconds(60), "jcmd", Long.toString(pid()), "GC.run");
            Thread.sleep(200);
            String info = run(home, Duration.ofSeconds(60), "jcmd", Long.toString(pid()), "GC.heap_info");
            long sum = 0;
            boolean found = false;
            // G1 prints one "total …, used …" line for the heap; Serial and Parallel one per generation.
            for (String line : info.split("\n")) {
                Matcher matcher = used.matcher(line);
                if (matcher.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                    sum += Long.parseLong(matcher.group(1)) * 1024;
                    found = true;
                }
            }
            if (!found) {
                throw new IOException("jcmd GC.heap_info printed no heap figure: " + info);
            }
            least = Math.min(least, sum);
        }
        return least;
    }

    /** The connector's own log file. */
    Path log() {
        return home.resolve("data/log/iofog-connector.log");
    }

    /** The connector's log so far, or "" before it wrote one. */
    String logText() throws IOException {
        return Files.isRegularFile(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    /** Whether something accepts TCP connections on 127.0.0.1 at {@code port}. */
    static boolean accepts(int port) {
        try (Socket ignored = Net.connect(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end (bounded) and answers its output; a non-zero exit is an error naming it. */
    static String run(Path directory, Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        // Read in the background, so that a chatty command never blocks on a full pipe.
        StringBuilder output = new StringBuilder();
        Thread reader = Throughput.start("bench-process-output", () -> {
            output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }, new AtomicReference<>());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + timeout.toSeconds() + " s");
        }
        reader.join(5_000);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
        }
        return output.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
