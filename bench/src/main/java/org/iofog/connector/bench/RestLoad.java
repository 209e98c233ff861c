package org.iofog.connector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iofog.connector.relay.internal.store.MappingStore;

/**
 * Load tool for the REST API of a running connector (the distribution in dev mode): mapping adds per
 * second, one client at a time and with concurrent clients, as the Controller sends them, checking after
 * each phase that the mappings file holds exactly the mappings added (every add is durable before it is
 * answered). Status requests per second, which touch no file, are the baseline. Everything it adds it
 * removes again.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.iofog.connector.bench.RestLoad [--url=http://127.0.0.1:8080]
 *     [--mappings-file=karaf-distribution/target/assembly/etc/iofog-connector/configs.json]
 *     [--adds=1000] [--clients=8]</pre>
 *
 * The connector needs two free ports per add: give it a large range first, e.g.
 * {@code ports = 20000-29999} in {@code etc/org.iofog.connector.ports.cfg}. Only 127.0.0.1 is used.
 */
public final class RestLoad {

    private static final String PUBLIC = "{\"type\":\"public\",\"maxconnections\":60,\"heartbeatabsencethreshold\":200000}";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI api;
    private final Path mappingsFile;
    private final int adds;
    private final int clients;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> added = Collections.synchronizedList(new ArrayList<>());

    private RestLoad(URI api, Path mappingsFile, int adds, int clients) {
        this.api = api;
        this.mappingsFile = mappingsFile;
        this.adds = adds;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        String file = "karaf-distribution/target/assembly/etc/iofog-connector/configs.json";
        int adds = 1000;
        int clients = 8;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--url=")) {
                url = value;
            } else if (arg.startsWith("--mappings-file=")) {
                file = value;
            } else if (arg.startsWith("--adds=")) {
                adds = bounded("adds", value, 100_000);
            } else if (arg.startsWith("--clients=")) {
                clients = bounded("clients", value, 256);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + "; options: --url= --mappings-file= --adds= --clients=");
            }
        }
        URI api = URI.create(url.endsWith("/") ? url : url + "/");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(api.getHost())) {
            throw new IllegalArgumentException("RestLoad only talks to this machine's loopback address, not " + url);
        }
        RestLoad load = new RestLoad(api, Path.of(file), adds, clients);
        int status = 0;
        try {
            load.run();
        } catch (Exception e) {
            System.err.println("RestLoad failed: " + e);
            status = 1;
        } finally {
            load.removeAll();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "RestLoad %s%nmachine: %d cores, %s %s; connector %s, mappings file %s%n",
                ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), api, mappingsFile.toAbsolutePath());
        int before = mappingsInFile();
        // Both JVMs' compilers warm up on the same requests first (the measured ones come after), and
        // what the warm-up adds it removes again.
        rate(adds, clients, this::status);
        rate(Math.min(adds, 500), clients, this::add);
        removeAll();
        check(before, "after the warm-up");
        double statusOne = rate(adds, 1, this::status);
        double statusMany = rate(adds, clients, this::status);
        double addsOne = rate(adds, 1, this::add);
        check(before + adds, "after " + adds + " sequential adds");
        double addsMany = rate(adds, clients, this::add);
        check(before + 2 * adds, "after " + adds + " more adds from " + clients + " clients");
        double removes = removeAll();
        check(before, "after removing every added mapping");

        System.out.println();
        System.out.println("| requests | 1 client, per second | " + clients + " clients, per second |");
        System.out.println("| --- | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| status (baseline: no file written) | %,.0f | %,.0f |%n", statusOne, statusMany);
        System.out.printf(Locale.ROOT, "| mapping/add (durable: fsync before the answer) | %,.0f | %,.0f |%n",
                addsOne, addsMany);
        System.out.printf(Locale.ROOT, "| mapping/remove | | %,.0f |%n", removes);
        System.out.printf(Locale.ROOT, "- mappings file: %d mappings before, %d after the sequential adds, %d after"
                + " the concurrent adds, %d after the removes%n", before, before + adds, before + 2 * adds, before);
    }

    /** Runs {@code count} requests over {@code threads} clients and answers requests per second. */
    private double rate(int count, int threads, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                HttpClient client = newClient();
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

    private void status(HttpClient client) throws IOException, InterruptedException {
        JsonNode answer = post(client, "status", "mappingid=all");
        if (!"running".equals(answer.path("status").asText())) {
            throw new IOException("status answered " + answer);
        }
    }

    private void add(HttpClient client) throws IOException, InterruptedException {
        JsonNode answer = post(client, "mapping/add", "mapping=" + URLEncoder.encode(PUBLIC, StandardCharsets.UTF_8));
        if (!"ok".equals(answer.path("status").asText())) {
            throw new IOException("mapping/add answered " + answer);
        }
        added.add(answer.get("id").asText());
    }

    /** Removes every mapping this run added, with the configured clients; answers removes per second. */
    private double removeAll() throws Exception {
        List<String> ids;
        synchronized (added) {
            ids = new ArrayList<>(added);
            added.clear();
        }
        if (ids.isEmpty()) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        return rate(ids.size(), clients, client -> {
            int i = next.getAndIncrement();
            JsonNode answer = post(client, "mapping/remove", "mappingid=" + ids.get(i));
            if (!"ok".equals(answer.path("status").asText())) {
                throw new IOException("mapping/remove answered " + answer);
            }
        });
    }

    private JsonNode post(HttpClient client, String endpoint, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.resolve("api/v2/" + endpoint))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = json.readTree(response.body());
        if (response.statusCode() == 507) {
            throw new IOException("the connector ran out of ports: give it a larger range (ports = 20000-29999 in"
                    + " etc/org.iofog.connector.ports.cfg)");
        }
        return answer;
    }

    private void check(int expected, String when) throws IOException {
        int found = mappingsInFile();
        if (found != expected) {
            throw new IOException("the mappings file holds " + found + " mappings " + when + ", expected " + expected);
        }
    }

    /** The mappings on disk: the file and its journal, read without changing either. */
    private int mappingsInFile() throws IOException {
        return MappingStore.readDurable(mappingsFile).size();
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static int bounded(String name, String value, int max) {
        int parsed = Integer.parseInt(value);
        if (parsed < 1 || parsed > max) {
            throw new IllegalArgumentException("--" + name + " must be 1.." + max + ", was " + value);
        }
        return parsed;
    }

    @FunctionalInterface
    private interface Request {
        void send(HttpClient client) throws IOException, InterruptedException;
    }
}
