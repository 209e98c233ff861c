package org.iofog.connector.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.rest.internal.RestApiTest.Answer;
import org.iofog.connector.rest.internal.RestApiTest.RawHttp;
import org.junit.Rule;
import org.junit.Test;

/** {@code GET <metrics.path>}: off by default; Prometheus text whose counters follow the relay's traffic. */
public class RestMetricsTest {

    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? (-?[0-9]+(\\.[0-9]+)?)");
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");

    @Rule
    public final RestFixture rest = new RestFixture();

    private void metricsAt(String path, String token) {
        rest.rest = new RestSettings("127.0.0.1", 0, 0, token, 65_536, Duration.ofSeconds(60), path);
    }

    private Answer get(String path, String extraHeader) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeader + "\r\n";
        return RawHttp.exchange(rest.port(), head.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void offByDefault() throws Exception {
        Answer answer = get("/metrics", "");
        assertEquals(405, answer.code());
    }

    @Test
    public void prometheusTextWhoseCountersMoveWithTraffic() throws Exception {
        metricsAt("/metrics", "");
        Map<String, Double> before = parse(get("/metrics", ""));
        assertEquals(0.0, before.get("iofog_connector_mappings{type=\"public\"}"), 0);
        assertEquals(0.0, before.get("iofog_connector_auth_failures_total"), 0);

        Mapping mapping = rest.relay.registry().addPublic(new PublicPipeSpec(2, 0));
        try (Socket wrong = new Socket(InetAddress.getLoopbackAddress(), mapping.port1())) {
            wrong.getOutputStream().write("x".repeat(36).getBytes(StandardCharsets.US_ASCII));
            wrong.setSoTimeout(5_000);
            assertEquals("closed without an answer", -1, wrong.getInputStream().read());
        }
        try (Socket agent = new Socket(InetAddress.getLoopbackAddress(), mapping.port1());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), mapping.port2())) {
            agent.setSoTimeout(5_000);
            agent.getOutputStream().write(mapping.passcodePort1().getBytes(StandardCharsets.US_ASCII));
            assertEquals("AUTHORIZED", new String(agent.getInputStream().readNBytes(10), StandardCharsets.US_ASCII));
            // Sent before the connection serves a client: dropped and counted, never relayed.
            agent.getOutputStream().write("STALE".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", new String(agent.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));

            Map<String, Double> after = parse(get("/metrics", ""));
            assertEquals(1.0, after.get("iofog_connector_mappings{type=\"public\"}"), 0);
            assertEquals(1.0, after.get("iofog_connector_auth_failures_total"), 0);
            assertEquals(1.0, after.get("iofog_connector_agents_authenticated_total"), 0);
            assertEquals(1.0, after.get("iofog_connector_agent_connections"), 0);
            assertEquals(1.0, after.get("iofog_connector_public_clients"), 0);
            assertEquals("group off", 1.0, after.get("iofog_connector_group_ready"), 0);
            assertEquals(0.0, after.get("iofog_connector_group_members"), 0);
            assertEquals(5.0, after.get("iofog_connector_relayed_bytes"), 0);
            assertEquals(5.0, after.get("iofog_connector_agent_bytes_dropped_total"), 0);
            assertEquals(0.0, after.get("iofog_connector_source_refusals_total"), 0);
            assertEquals(0.0, after.get("iofog_connector_throttled_authentications_total"), 0);
        }
    }

    @Test
    public void onlyGetAndTheApiTokenOpenIt() throws Exception {
        metricsAt("/metrics", "s3cret");
        assertEquals(401, get("/metrics", "").code());
        assertEquals(200, get("/metrics", "Authorization: Bearer s3cret\r\n").code());
        byte[] post = RestApiTest.request("POST", "/metrics", RestApiTest.FORM, "");
        assertEquals(405, RawHttp.exchange(rest.port(), post).code());
    }

    /**
     * Reads the text as Prometheus does: every sample line well formed, every metric with one HELP and one
     * TYPE before its samples; returns sample (with labels) → value.
     */
    private static Map<String, Double> parse(Answer answer) {
        assertEquals(answer.toString(), 200, answer.code());
        assertTrue(answer.header("content-type"), answer.header("content-type").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> described = new HashSet<>();
        Set<String> typed = new HashSet<>();
        for (String line : answer.text().split("\n")) {
            Matcher meta = META.matcher(line);
            if (meta.matches()) {
                assertTrue("one " + meta.group(1) + " for " + meta.group(2),
                        (meta.group(1).equals("HELP") ? described : typed).add(meta.group(2)));
                if (meta.group(1).equals("TYPE")) {
                    assertTrue(line, meta.group(3).equals("counter") || meta.group(3).equals("gauge"));
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue("not a Prometheus sample: " + line, sample.matches());
            assertTrue("HELP and TYPE before " + line, described.contains(sample.group(1)) && typed.contains(sample.group(1)));
            String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
            assertNotNull(Double.valueOf(sample.group(4)));
            samples.put(key, Double.valueOf(sample.group(4)));
        }
        assertEquals("samples: " + samples.keySet(), 16, samples.size());
        return samples;
    }
}
