package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.rest.internal.RestApiTest.Answer;
import org.iofog.connector.rest.internal.RestApiTest.RawHttp;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Thousands of random and malformed requests over raw sockets (docs/protocol.md §2: "bad input is always a 4xx
 * with a message ..., never a 5xx and never a dead server"). Every answer that comes back must be HTTP, JSON
 * and not 5xx; afterwards the server must still serve, and the mappings added before must be exactly the
 * ones left: the fuzzer never sends a valid {@code mapping/add} (its mappings are always broken), and every
 * {@code direct/add} it happens to get through is counted from its answer.
 *
 * <p>Seeded: {@code -Drest.fuzz.seed=N} replays a run; the seed is printed when the test fails. Each of the
 * threads draws from its own {@code Random(seed + thread)}, so the requests are the same on every run even
 * though their interleaving is not.
 */
public class RestFuzzTest {

    private static final String SEED_PROPERTY = "rest.fuzz.seed";
    private static final long DEFAULT_SEED = 0x10F06C0DEL;
    private static final int REQUESTS = 6_000;
    private static final int THREADS = 4;
    /** Small, so that "huge" fields of up to twice the limit stay cheap to send thousands of times. */
    private static final int MAX_BODY_BYTES = 4096;
    /** Netty's default limits of the request line and the header block (HttpServerCodec). */
    private static final int LINE_LIMIT = 4096;
    private static final int HEADER_LIMIT = 8192;
    private static final int SO_TIMEOUT_MS = 2_000;
    private static final int REPORTED_PROBLEMS = 25;

    private static final String FORM = RestApiTest.FORM;
    private static final List<String> ENDPOINTS = List.of("mapping/add", "mapping/remove", "status", "commandline",
            "direct/add", "direct", "direct/remove");
    private static final List<String> FIELDS = List.of("mapping", "mappingid", "command", "params", "id", "passkey",
            "port", "ip", "certificate");
    private static final List<String> PUBLIC_KEYS = List.of("type", "maxconnections", "heartbeatabsencethreshold");
    private static final List<String> PRIVATE_KEYS = List.of("type", "maxconnectionsport1", "maxconnectionsport2",
            "heartbeatabsencethresholdport1", "heartbeatabsencethresholdport2");
    /** Keys no spec reads, so that adding them can never repair (or, as a duplicate, overwrite) a broken field. */
    private static final List<String> EXTRA_KEYS = List.of("extra", "name", "Type", "TYPE", "maxconnections2",
            "heartbeat", "", "\u00e9t\u00e9");
    /** Values no number field accepts, whatever the field. */
    private static final List<String> BAD_NUMBERS = List.of("-1", "-2147483649", "-9223372036854775808", "1.5",
            "0.5", "-0.5", "\"60\"", "\"\"", "true", "false", "null", "[]", "[1]", "{}", "99999999999999999999999",
            "1e400", "\"0x10\"", "NaN", "Infinity", "0x10", "+1", "01", ".5");
    private static final List<String> BAD_ESCAPES = List.of("%", "%Z", "%ZZ", "%4", "%G0", "%%41", "%x1", "%\u00e9",
            "%-1", "%+1");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "", "text/html",
            "multipart/form-data; boundary=xyz", "application/x-www-form", "application/octet-stream", "*/*",
            "application/x-www-form-urlencoded; charset=UTF-8", "APPLICATION/X-WWW-FORM-URLENCODED", "form", ";");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD",
            "post", "Post", "BREW", "PROPFIND", "M-SEARCH");
    private static final List<String> FORWARDED = List.of("203.0.113.9", "203.0.113.9, 10.0.0.1", ",", ",,", " , ",
            "", "not an address", "::1", "x".repeat(300), ", 10.0.0.1", "\u00e9");

    @Rule
    public final RestFixture rest = new RestFixture();

    /** A hang fails the test instead of blocking the build. */
    @Rule
    public Timeout timeout = Timeout.seconds(180);

    private final ObjectMapper json = new ObjectMapper();
    /** The server's own parser, to make sure a generated mapping is refused before it is sent. */
    private final MappingRequest mappingRequest = new MappingRequest(new ObjectMapper());
    private final Set<String> createdByFuzzer = ConcurrentHashMap.newKeySet();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger problemCount = new AtomicInteger();
    private final Map<String, AtomicInteger> problemKinds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sentByKind = new ConcurrentHashMap<>();
    private final AtomicInteger answers = new AtomicInteger();
    private final Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
    private List<String> knownIds;
    private String directId;
    private String directPasskey;

    @Before
    public void start() throws IOException {
        rest.rest = new RestSettings("127.0.0.1", 0, 0, "", MAX_BODY_BYTES, Duration.ofSeconds(60), "");
    }

    @Test
    public void randomAndMalformedRequestsNeitherBreakTheServerNorChangeTheMappings() throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
        try {
            fuzz(seed);
        } catch (AssertionError | Exception e) {
            System.err.println("RestFuzzTest failed with seed " + seed + "; replay with -D" + SEED_PROPERTY + "="
                    + seed);
            throw e;
        }
    }

    private void fuzz(long seed) throws Exception {
        Set<String> before = addRealMappings();

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed + t);
            runs.add(threads.submit(() -> {
                for (int i = 0; i < REQUESTS / THREADS; i++) {
                    exchange(randomCase(random));
                }
                return null;
            }));
        }
        try {
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.println("RestFuzzTest seed " + seed + ": sent " + new TreeMap<>(sentByKind) + ", " + answers
                + " answers, codes " + new TreeMap<>(codes));

        // The server still serves, and holds what it held plus the direct entries the fuzzer was told of.
        List<String> after = new ArrayList<>();
        String status = stillServes();
        if (status != null) {
            after.add(status);
        }
        Set<String> expected = new HashSet<>(before);
        expected.addAll(createdByFuzzer);
        Set<String> registry = rest.relay.registry().statuses().stream().map(s -> s.mapping().id())
                .collect(Collectors.toSet());
        if (!registry.equals(expected)) {
            Set<String> lost = new HashSet<>(expected);
            lost.removeAll(registry);
            Set<String> unaccounted = new HashSet<>(registry);
            unaccounted.removeAll(expected);
            after.add("the registry changed: lost " + lost + ", created without an answer saying so "
                    + unaccounted + " (" + createdByFuzzer.size() + " direct/add answered)");
        }
        if (problemCount.get() > 0 || !after.isEmpty()) {
            fail("seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + "): " + problemCount + " bad answers "
                    + new TreeMap<>(problemKinds)
                    + (problemCount.get() > REPORTED_PROBLEMS ? ", the first " + REPORTED_PROBLEMS : "") + ":\n"
                    + String.join("\n", problems) + (after.isEmpty() ? "" : "\nafterwards:\n" + String.join("\n",
                    after)));
        }
    }

    /** Two public, one private mapping and a direct entry, added as the Controller adds them. */
    private Set<String> addRealMappings() throws Exception {
        knownIds = new ArrayList<>();
        for (String mapping : List.of(RestApiTest.PUBLIC, RestApiTest.PUBLIC, RestApiTest.PRIVATE)) {
            JsonNode added = rest.parse(rest.post("mapping/add", RestApiTest.form("mapping", mapping)));
            assertEquals(added.toString(), "ok", added.path("status").asText());
            knownIds.add(added.get("id").asText());
        }
        JsonNode direct = rest.parse(rest.post("direct/add", ""));
        assertEquals(direct.toString(), "ok", direct.path("status").asText());
        directId = direct.get("id").asText();
        directPasskey = direct.get("passkey").asText();
        Set<String> ids = new HashSet<>(knownIds);
        ids.add(directId);
        assertEquals(ids, rest.relay.registry().statuses().stream().map(s -> s.mapping().id())
                .collect(Collectors.toSet()));
        return ids;
    }

    /** What is wrong with the server's answers to valid status requests after the fuzzing; null when nothing. */
    private String stillServes() throws Exception {
        JsonNode all = rest.parse(rest.post("status", "mappingid=all"));
        if (!all.path("status").asText().equals("running") || !all.path("mappings").isIntegralNumber()
                || all.path("mappings").asInt() != knownIds.size()
                || !all.path("version").asText().equals(RestFixture.VERSION)) {
            return "status all answered " + all;
        }
        for (String id : knownIds) {
            JsonNode one = rest.parse(rest.post("status", RestApiTest.form("mappingid", id)));
            if (!one.path("id").asText().equals(id) || !one.toString().contains("\"Active\"")
                    || one.toString().contains("\"Inactive\"")) {
                return "status of " + id + " answered " + one;
            }
        }
        MappingStatus direct = rest.relay.registry().status(directId).orElse(null);
        return direct == null ? "the direct entry is gone" : null;
    }

    // ---- sending --------------------------------------------------------------------------------------------

    /** How a request is sent and what must come back. */
    private enum Mode {
        /**
         * Complete: every expected answer must come, in order. The connection is not half-closed, because the
         * server drops a connection whose input ended and with it an answer still being prepared.
         */
        COMPLETE,
        /** Incomplete or broken: half-close (so the server sees the end), then check whatever comes back. */
        INCOMPLETE,
        /** Cut short: close without reading (a client that gave up). */
        ABANDON
    }

    /** What one answer must be, beyond being a JSON answer without 5xx: a code and a piece of the body. */
    private record Expect(Integer code, String contains) {

        static final Expect ANY = new Expect(null, null);
    }

    /**
     * @param mayReset the request is over a limit (body or header size), so the server may refuse it by
     *                 closing before reading it all, and the kernel may then reset the connection before the
     *                 answer is read
     */
    private record Case(String kind, byte[] bytes, Mode mode, String method, List<Expect> expects, boolean mayReset) {

        Case(String kind, byte[] bytes, Mode mode, String method, List<Expect> expects) {
            this(kind, bytes, mode, method, expects, overLimits(bytes));
        }
    }

    private void exchange(Case c) {
        sentByKind.computeIfAbsent(c.kind(), k -> new AtomicInteger()).incrementAndGet();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), rest.port())) {
            socket.setSoTimeout(SO_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(c.bytes());
                out.flush();
            } catch (IOException e) {
                if (c.mode() == Mode.COMPLETE && !c.mayReset()) {
                    problem(c, "closed early", "the server closed before the request was written: " + e);
                }
                return; // an early close of an oversized or incomplete request is the server's right
            }
            switch (c.mode()) {
                case ABANDON -> {
                    // closed by try-with-resources, mid-request
                }
                case COMPLETE -> readAll(c, in);
                case INCOMPLETE -> readWhatComes(c, socket, in);
            }
        } catch (IOException e) {
            problem(c, "no connection", "could not connect: " + e);
        } catch (AssertionError e) {
            problem(c, "not HTTP", e.getMessage());
        }
    }

    private void readAll(Case c, InputStream in) {
        for (Expect expect : c.expects()) {
            Answer answer;
            try {
                answer = RawHttp.read(in, c.method());
            } catch (SocketTimeoutException e) {
                problem(c, "hang", "no answer within " + SO_TIMEOUT_MS + " ms");
                return;
            } catch (IOException e) {
                if (!c.mayReset()) {
                    problem(c, "reset", "the connection failed instead of answering: " + e);
                }
                return;
            }
            if (answer == null) {
                if (!c.mayReset()) {
                    problem(c, "no answer", "closed without an answer");
                }
                return;
            }
            check(c, answer, expect);
        }
    }

    private void readWhatComes(Case c, Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            Answer answer = RawHttp.read(in, c.method());
            if (answer != null) {
                check(c, answer, c.expects().isEmpty() ? Expect.ANY : c.expects().get(0));
            }
        } catch (IOException e) {
            // Nothing, a reset or a timeout: the request was never complete or was refused by closing.
        }
    }

    /** Every answer: HTTP, never 5xx, JSON with the error shape; then what this case expects. */
    private void check(Case c, Answer answer, Expect expect) {
        answers.incrementAndGet();
        codes.computeIfAbsent(answer.code(), k -> new AtomicInteger()).incrementAndGet();
        // No 5xx at all: ports are unlimited, the fuzzer never sends a valid mapping/add (so never 507), and
        // four client threads cannot fill the worker queue (503). Anything else is the server failing.
        if (answer.code() >= 500) {
            problem(c, "status " + answer.code(), "a " + answer.code() + ": " + answer.text());
            return;
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problem(c, "not JSON (" + answer.code() + ")", "not declared JSON: " + answer);
            return;
        }
        if (!c.method().equals("HEAD")) {
            JsonNode body;
            try {
                body = json.readTree(answer.text());
            } catch (IOException e) {
                problem(c, "not JSON (" + answer.code() + ")", "a body that is not JSON: " + answer);
                return;
            }
            if (body == null || !body.isObject() || !body.path("timestamp").isIntegralNumber()) {
                problem(c, "no timestamp", "not a JSON object with a timestamp: " + answer);
                return;
            }
            if (answer.code() >= 400 && (!body.path("status").asText().equals("error")
                    || !body.path("errormessage").isTextual() || body.path("errormessage").asText().isBlank())) {
                problem(c, "error shape", "an error without {status: error, errormessage}: " + answer);
                return;
            }
            if (answer.code() == 200 && body.has("passkey")) {
                createdByFuzzer.add(body.path("id").asText());
            }
        }
        if (expect.code() != null && expect.code() != answer.code()) {
            problem(c, expect.code() + " expected, " + answer.code() + " got",
                    "expected " + expect.code() + ", got " + answer);
        } else if (expect.contains() != null && !answer.text().contains(expect.contains())) {
            problem(c, "wrong answer", "expected an answer containing " + expect.contains() + ", got " + answer);
        }
    }

    /** Counts the problem under its kind and category, and keeps the first few in full. */
    private void problem(Case c, String category, String what) {
        problemKinds.computeIfAbsent("[" + c.kind() + "] " + category, k -> new AtomicInteger()).incrementAndGet();
        if (problemCount.incrementAndGet() <= REPORTED_PROBLEMS) {
            problems.add("[" + c.kind() + "] " + what + "\n    request: " + printable(c.bytes()));
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 400); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : b == '\r' ? "\\r" : b == '\n' ? "\\n"
                    : String.format("\\x%02x", b));
        }
        return text + (bytes.length > 400 ? "... (" + bytes.length + " bytes)" : "");
    }

    // ---- generating -----------------------------------------------------------------------------------------

    private Case randomCase(Random r) {
        int dice = r.nextInt(100);
        if (dice < 22) {
            return formRequest(r);
        } else if (dice < 36) {
            return brokenMappingAdd(r);
        } else if (dice < 44) {
            return badMethod(r);
        } else if (dice < 50) {
            return truncatedBody(r);
        } else if (dice < 57) {
            return badPercentEncoding(r);
        } else if (dice < 64) {
            return hugeField(r);
        } else if (dice < 70) {
            return garbage(r);
        } else if (dice < 76) {
            return wrongContentType(r);
        } else if (dice < 81) {
            return longHeader(r);
        } else if (dice < 87) {
            return randomEndpoint(r);
        } else if (dice < 92) {
            return knownEntries(r);
        } else if (dice < 97) {
            return badFraming(r);
        }
        return pipelined(r);
    }

    /** A well-formed POST to a real endpoint with random fields. */
    private Case formRequest(Random r) {
        String endpoint = pick(r, ENDPOINTS);
        List<String> headers = new ArrayList<>(List.of("Content-Type: " + FORM));
        if (r.nextInt(20) == 0) {
            // Clients may ask before sending; the answer must still be JSON (and the request served).
            headers.add("Expect: " + (r.nextBoolean() ? "100-continue" : randomToken(r)));
        }
        byte[] bytes = http("POST", "/api/v2/" + endpoint, headers, randomForm(r));
        return complete("form", bytes, "POST", Expect.ANY);
    }

    /** mapping/add with a mapping that breaks the contract in at least one way: always 400. */
    private Case brokenMappingAdd(Random r) {
        String mapping = brokenMapping(r);
        String form = RestApiTest.form("mapping", mapping);
        if (r.nextBoolean()) {
            form = r.nextBoolean() ? randomForm(r) + "&" + form : form + "&" + randomForm(r);
        }
        byte[] bytes = http("POST", "/api/v2/mapping/add", List.of("Content-Type: " + FORM), form);
        return complete("mapping", bytes, "POST", new Expect(form.length() > MAX_BODY_BYTES ? 413 : 400, null));
    }

    private Case badMethod(Random r) {
        String method = r.nextInt(6) == 0 ? randomToken(r) : pick(r, METHODS);
        List<String> headers = r.nextBoolean() ? List.of("Content-Type: " + FORM) : List.of();
        String body = r.nextInt(3) == 0 ? null : randomForm(r);
        byte[] bytes = http(method, "/api/v2/" + pick(r, ENDPOINTS), headers, body);
        return complete("method", bytes, method, new Expect(405, null));
    }

    /** A Content-Length larger than what is sent: given up (closed) or half-closed, never answered 5xx. */
    private Case truncatedBody(Random r) {
        String body = randomForm(r);
        int announced = body.length() + 1 + r.nextInt(MAX_BODY_BYTES);
        String head = "POST /api/v2/" + pick(r, ENDPOINTS) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM
                + "\r\nContent-Length: " + announced + "\r\n\r\n";
        byte[] bytes = concat(head.getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8));
        return new Case("truncated", bytes, r.nextBoolean() ? Mode.ABANDON : Mode.INCOMPLETE, "POST", List.of());
    }

    /** A broken %-escape somewhere in a name or a value: always 400. */
    private Case badPercentEncoding(Random r) {
        String escape = pick(r, BAD_ESCAPES);
        String field = r.nextBoolean() ? "x" + escape + "=1" : pick(r, FIELDS) + "=a" + escape;
        String form = r.nextBoolean() ? field : randomForm(r) + "&" + field;
        byte[] bytes = http("POST", "/api/v2/" + pick(r, ENDPOINTS), List.of("Content-Type: " + FORM), form);
        return complete("percent", bytes, "POST", new Expect(400, null));
    }

    /** One field of up to twice the body limit: 413 above it, served (or refused as bad input) below. */
    private Case hugeField(Random r) {
        String name = pick(r, FIELDS);
        int length = MAX_BODY_BYTES / 2 + r.nextInt(MAX_BODY_BYTES * 3 / 2);
        // Letters only: never JSON, so a huge "mapping" is still refused.
        String form = name + "=" + randomLetters(r, length);
        List<String> headers = new ArrayList<>(List.of("Content-Type: " + FORM));
        if (r.nextInt(4) == 0) {
            headers.add("Expect: 100-continue");
        }
        String endpoint = pick(r, ENDPOINTS);
        byte[] bytes = http("POST", "/api/v2/" + endpoint, headers, form);
        if (form.length() > MAX_BODY_BYTES) {
            return complete("huge", bytes, "POST", new Expect(413, null));
        }
        return complete("huge", bytes, "POST", endpoint.equals("mapping/add") && name.equals("mapping")
                ? new Expect(400, null) : Expect.ANY);
    }

    /** Random bytes instead of a request line, sometimes after a valid start. */
    private Case garbage(Random r) {
        byte[] noise = new byte[1 + r.nextInt(r.nextBoolean() ? 64 : 3000)];
        r.nextBytes(noise);
        byte[] bytes = r.nextInt(3) == 0
                ? concat("POST /api/v2/status HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), noise) : noise;
        return new Case("garbage", bytes, Mode.INCOMPLETE, "POST", List.of());
    }

    /** Anything but a form is 415; a form with parameters or in capitals is a form. */
    private Case wrongContentType(Random r) {
        String type = r.nextInt(5) == 0 ? randomToken(r) + "/" + randomToken(r) : pick(r, CONTENT_TYPES);
        byte[] bytes = http("POST", "/api/v2/" + pick(r, ENDPOINTS), List.of("Content-Type: " + type),
                randomForm(r));
        boolean form = type.toLowerCase(Locale.ROOT).startsWith(FORM);
        return complete("content-type", bytes, "POST", form ? Expect.ANY : new Expect(415, null));
    }

    /** A header line or a request line beyond the decoder's limits: refused, maybe by closing. */
    private Case longHeader(Random r) {
        List<String> headers = new ArrayList<>(List.of("Content-Type: " + FORM));
        String path = "/api/v2/status";
        switch (r.nextInt(3)) {
            case 0 -> headers.add("X-Long: " + randomLetters(r, HEADER_LIMIT + r.nextInt(HEADER_LIMIT)));
            case 1 -> path += "?" + randomLetters(r, LINE_LIMIT + r.nextInt(LINE_LIMIT));
            default -> {
                for (int i = 0; i < 300 + r.nextInt(300); i++) {
                    headers.add("X-Many-" + i + ": " + randomLetters(r, 40));
                }
            }
        }
        return complete("long-header", http("POST", path, headers, "mappingid=all"), "POST", new Expect(400, null));
    }

    /** Near misses of the endpoints' paths; the ones with a query string still reach the endpoint. */
    private Case randomEndpoint(Random r) {
        String endpoint = pick(r, ENDPOINTS);
        String known = "/api/v2/" + endpoint;
        String path = switch (r.nextInt(11)) {
            case 0 -> known.toUpperCase(Locale.ROOT);
            case 1 -> known + "/";
            case 2 -> known + "?" + randomToken(r) + "=" + randomToken(r);
            case 3 -> known.replace("/", "//");
            case 4 -> "/api/v2/../api/v2/" + endpoint;
            case 5 -> known.replace("/", "%2F");
            case 6 -> "*";
            case 7 -> "http://127.0.0.1" + known;
            case 8 -> "/" + randomToken(r);
            case 9 -> known + "#" + randomToken(r);
            default -> "/api/v2/" + randomToken(r) + "/" + randomToken(r);
        };
        byte[] bytes = http("POST", path, List.of("Content-Type: " + FORM), randomForm(r));
        return complete("endpoint", bytes, "POST", Expect.ANY);
    }

    /** The entries added before: status of each, and direct calls with odd X-Forwarded-For headers. */
    private Case knownEntries(Random r) {
        if (r.nextBoolean()) {
            String id = pick(r, knownIds);
            byte[] bytes = http("POST", "/api/v2/status", List.of("Content-Type: " + FORM),
                    RestApiTest.form("mappingid", id));
            return complete("known", bytes, "POST", new Expect(200, "\"id\":\"" + id + "\""));
        }
        List<String> headers = new ArrayList<>(List.of("Content-Type: " + FORM));
        if (r.nextInt(4) != 0) {
            headers.add("X-Forwarded-For: " + pick(r, FORWARDED));
        }
        String form = RestApiTest.form("id", directId, "passkey", directPasskey, "port",
                Integer.toString(1 + r.nextInt(65535)), "ip", "10.0." + r.nextInt(256) + "." + r.nextInt(256),
                "certificate", randomText(r, 0, 40));
        return complete("known", http("POST", "/api/v2/direct", headers, form), "POST", new Expect(200, "\"id\""));
    }

    /** Broken message framing: bad lengths, bad chunks, odd versions, broken header lines. */
    private Case badFraming(Random r) {
        String start = "POST /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM + "\r\n";
        String request = switch (r.nextInt(10)) {
            case 0 -> start + "Content-Length: " + pick(r, List.of("abc", "-5", "1.5", "", "0x10", " 13 13"))
                    + "\r\n\r\n";
            case 1 -> start + "Content-Length: 13\r\nContent-Length: 14\r\n\r\nmappingid=all";
            case 2 -> start + "Transfer-Encoding: chunked\r\n\r\nzz\r\nmappingid=all\r\n0\r\n\r\n";
            case 3 -> start + "Transfer-Encoding: chunked\r\n\r\nd\r\nmappingid=all\r\n"; // no last chunk
            case 4 -> start + "Transfer-Encoding: chunked\r\nContent-Length: 13\r\n\r\nd\r\nmappingid=all\r\n0\r\n\r\n";
            case 5 -> start + "Transfer-Encoding: " + pick(r, List.of("gzip", "identity", "chunked, gzip", "x"))
                    + "\r\nContent-Length: 13\r\n\r\nmappingid=all";
            case 6 -> "POST /api/v2/status HTTP/" + pick(r, List.of("2.0", "0.9", "1.2", "x", "11", "1.1.1"))
                    + "\r\nContent-Type: " + FORM + "\r\nContent-Length: 13\r\n\r\nmappingid=all";
            case 7 -> start + "Broken header line\r\nContent-Length: 13\r\n\r\nmappingid=all";
            case 8 -> start + " folded: continuation\r\nContent-Length: 13\r\n\r\nmappingid=all";
            default -> start.replace("\r\n", r.nextBoolean() ? "\n" : "\r") + "Content-Length: 13\r\n\r\nmappingid=all";
        };
        return new Case("framing", request.getBytes(StandardCharsets.UTF_8), Mode.INCOMPLETE, "POST", List.of());
    }

    /** Two or three requests in one write on one connection: answered in order. */
    private Case pipelined(Random r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Expect> expects = new ArrayList<>();
        for (int i = 0; i < 2 + r.nextInt(2); i++) {
            String unknown = UUID.randomUUID().toString();
            switch (r.nextInt(3)) {
                case 0 -> {
                    bytes.writeBytes(http("POST", "/api/v2/status", List.of("Content-Type: " + FORM),
                            "mappingid=all"));
                    expects.add(new Expect(200, "\"id\":\"all\""));
                }
                case 1 -> {
                    bytes.writeBytes(http("POST", "/api/v2/commandline", List.of("Content-Type: " + FORM),
                            "command=version"));
                    expects.add(new Expect(200, RestFixture.VERSION));
                }
                default -> {
                    bytes.writeBytes(http("POST", "/api/v2/status", List.of("Content-Type: " + FORM),
                            "mappingid=" + unknown));
                    expects.add(new Expect(404, unknown));
                }
            }
        }
        return new Case("pipelined", bytes.toByteArray(), Mode.COMPLETE, "POST", expects);
    }

    /** A complete request; one with a body over the limit is 413 whatever else is wrong with it. */
    private static Case complete(String kind, byte[] bytes, String method, Expect expect) {
        Expect expected = bodyLength(bytes) > MAX_BODY_BYTES ? new Expect(413, null) : expect;
        return new Case(kind, bytes, Mode.COMPLETE, method, List.of(expected));
    }

    /** Whether the request's head or body is beyond what the server reads (see {@link Case#mayReset}). */
    private static boolean overLimits(byte[] request) {
        int end = headEnd(request);
        if (end < 0) {
            return true;
        }
        String head = new String(request, 0, end, StandardCharsets.ISO_8859_1);
        boolean longLine = head.lines().anyMatch(line -> line.length() >= LINE_LIMIT);
        return longLine || end >= HEADER_LIMIT || bodyLength(request) > MAX_BODY_BYTES;
    }

    private static int bodyLength(byte[] request) {
        int end = headEnd(request);
        return end < 0 ? 0 : request.length - end - 4;
    }

    private static int headEnd(byte[] request) {
        return new String(request, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
    }

    /**
     * A {@code mapping} value that the contract refuses: a missing or wrong field, an unknown type, text that
     * is not a JSON object. Checked against the server's own parser before use, so that no valid mapping is
     * ever sent (and a parser that accepts a broken one is reported, not fed to the server).
     */
    private String brokenMapping(Random r) {
        boolean isPublic = r.nextBoolean();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", isPublic ? "\"public\"" : "\"private\"");
        for (String key : (isPublic ? PUBLIC_KEYS : PRIVATE_KEYS).subList(1, isPublic ? 3 : 5)) {
            fields.put(key, key.startsWith("max") ? Integer.toString(1 + r.nextInt(100))
                    : Long.toString(r.nextInt(1_000_000)));
        }
        String valid = object(r, fields);
        List<String> numberKeys = new ArrayList<>(fields.keySet()).subList(1, fields.size());
        String mapping = switch (r.nextInt(9)) {
            case 0 -> {
                fields.remove(pick(r, new ArrayList<>(fields.keySet())));
                yield object(r, withExtras(r, fields));
            }
            case 1, 2 -> {
                String key = pick(r, numberKeys);
                List<String> bad = new ArrayList<>(BAD_NUMBERS);
                bad.addAll(key.startsWith("max") ? List.of("0", "2147483648", "9223372036854775807")
                        : List.of("9223372036854775808", "18446744073709551616"));
                fields.put(key, pick(r, bad));
                yield object(r, withExtras(r, fields));
            }
            case 3 -> {
                fields.put("type", pick(r, List.of("\"secret\"", "\"PUBLIC\"", "\"Private\"", "\"\"", "1", "null",
                        "true", "[\"public\"]", "{}", "\" public\"", "\"direct\"")));
                yield object(r, withExtras(r, fields));
            }
            case 4 -> valid.substring(0, r.nextInt(valid.length())); // an unclosed object
            case 5 -> pick(r, List.of("42", "\"public\"", "null", "true", "[]", "{}", "[" + valid + "]",
                    json.getNodeFactory().textNode(valid).toString(), "-1", "\"\""));
            case 6 -> {
                int depth = 1 + r.nextInt(700);
                yield r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1";
            }
            case 7 -> fragments(r);
            default -> valid.replace(":", r.nextBoolean() ? "=" : "").replace("\"", r.nextBoolean() ? "'" : "");
        };
        try {
            mappingRequest.parse(mapping);
        } catch (ApiException e) {
            return mapping;
        }
        throw new AssertionError("the connector accepts a broken mapping (not sent): " + mapping);
    }

    /** Adds keys no spec reads, before or after the others. */
    private static Map<String, String> withExtras(Random r, Map<String, String> fields) {
        Map<String, String> result = new LinkedHashMap<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
        Collections.shuffle(entries, r);
        for (int i = r.nextInt(3); i > 0; i--) {
            result.put(pick(r, EXTRA_KEYS), pick(r, List.of("1", "\"x\"", "null", "[1,2]", "{\"type\":\"public\"}")));
        }
        entries.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** A JSON object from raw JSON values, with random whitespace inside; nothing after its closing brace. */
    private static String object(Random r, Map<String, String> fields) {
        StringBuilder text = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(space(r)).append('"').append(key).append('"').append(space(r)).append(':').append(space(r))
                    .append(value).append(space(r));
        });
        return text.append('}').toString();
    }

    private static String space(Random r) {
        return r.nextInt(4) == 0 ? pick(r, List.of(" ", "\n", "\t", "  ", "\r\n")) : "";
    }

    /** JSON-ish tokens in random order; without "heartbeatabsencethreshold" no valid mapping can come of them. */
    private static String fragments(Random r) {
        List<String> tokens = List.of("{", "}", "[", "]", ":", ",", "\"type\"", "\"public\"", "\"private\"",
                "\"maxconnections\"", "60", "-1", "1.5", "null", "true", "\"", "\\", " ", "\u00e9", "\ud83d\ude00",
                "/*", "*/", "'", "\u0000");
        StringBuilder text = new StringBuilder();
        for (int i = 1 + r.nextInt(20); i > 0; i--) {
            text.append(pick(r, tokens));
        }
        return text.toString();
    }

    /** 0 to 4 fields, known or not, with random values; a "mapping" field is always a broken mapping. */
    private String randomForm(Random r) {
        List<String> parts = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            String name = r.nextInt(4) == 0 ? randomText(r, 1, 12) : pick(r, FIELDS);
            String value = name.strip().equals("mapping") ? brokenMapping(r) : randomValue(r);
            parts.add(switch (r.nextInt(12)) {
                case 0 -> encode(name); // a name without '='
                case 1 -> "=" + encode(value);
                default -> encode(name) + "=" + encode(value);
            });
        }
        if (r.nextInt(10) == 0) {
            parts.add(r.nextInt(10) == 0 ? "&" : "");
        }
        return String.join("&", parts);
    }

    private static String randomValue(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(r, List.of("", " ", "all", "ALL", "stop", "status", "version", "help", "-h", "--help",
                    "0", "-1", "65536", "1e3", "99999999999", "null", "true", "a&b=c", "%", "+", "\u0000"));
            case 1 -> UUID.randomUUID().toString();
            default -> randomText(r, 0, 60);
        };
    }

    /** Text of printable ASCII, some accented letters, CJK, an emoji, tabs and newlines. */
    private static String randomText(Random r, int min, int max) {
        String alphabet = "abcXYZ019 -_.~!*'();:@&=+$,/?#[]%\"\\<>{}|^`\t\n\u00e9\u00fc\u4e2d";
        StringBuilder text = new StringBuilder();
        for (int i = min + r.nextInt(max - min + 1); i > 0; i--) {
            if (r.nextInt(40) == 0) {
                text.append("\ud83d\ude00");
            } else {
                text.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    private static String randomLetters(Random r, int length) {
        char[] letters = new char[length];
        for (int i = 0; i < length; i++) {
            letters[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(letters);
    }

    /** An HTTP token (no spaces or separators), e.g. a method or a path segment. */
    private static String randomToken(Random r) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'*+";
        char[] token = new char[1 + r.nextInt(12)];
        for (int i = 0; i < token.length; i++) {
            token[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(token);
    }

    /** A request with a Host header and, when there is a body, its Content-Length. */
    private static byte[] http(String method, String path, List<String> headers, String body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random r, List<T> choices) {
        return choices.get(r.nextInt(choices.size()));
    }
}
