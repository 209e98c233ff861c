package org.iofog.connector.rest.internal;

import org.iofog.connector.api.group.GroupStatus;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.RestSettings;
import org.junit.Test;

/**
 * The route table without a server: the endpoints of docs/protocol.md §2 and the metrics path, what each
 * takes and produces, and the order of its refusals (405 before 404). The answers themselves are in
 * {@link RestApiTest} and {@link RestWireFormatTest}.
 */
public class RouteTableTest {

    private static final List<String> PROTOCOL_ENDPOINTS = List.of("mapping/add", "mapping/remove", "status",
            "commandline", "direct/add", "direct", "direct/remove");

    private volatile RestSettings rest = settings("");
    private final ConnectorSettings connector = new ConnectorSettings("127.0.0.1", 12345, true, false,
            Path.of("none.conf"), Path.of("none.json"));
    // Routing never reaches the relay: no registry, ports or counters are needed to find a route.
    private final Api api = new Api(null, null, null, () -> connector, () -> rest, null, GroupStatus::off, "v",
            () -> { });

    @Test
    public void everyEndpointOfTheProtocolTakesAPostedFormAndAnswersJson() throws Exception {
        for (String endpoint : PROTOCOL_ENDPOINTS) {
            Route route = api.route(HttpMethod.POST, "/api/v2/" + endpoint);
            assertEquals(endpoint, HttpMethod.POST, route.method());
            assertEquals(endpoint, "application/x-www-form-urlencoded", route.accepts());
            assertSame(endpoint, Produces.JSON, route.produces());
        }
    }

    @Test
    public void theMetricsPathIsAGetOfPrometheusTextOnlyWhenSet() throws Exception {
        refused(HttpMethod.GET, "/metrics", HttpResponseStatus.METHOD_NOT_ALLOWED);
        refused(HttpMethod.POST, "/metrics", HttpResponseStatus.NOT_FOUND);
        rest = settings("/metrics");
        Route metrics = api.route(HttpMethod.GET, "/metrics");
        assertSame(Produces.PROMETHEUS_TEXT, metrics.produces());
        assertEquals("any body is taken", Route.ANY, metrics.accepts());
        refused(HttpMethod.POST, "/metrics", HttpResponseStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    public void aWrongMethodIsRefusedBeforeAnUnknownPath() {
        assertEquals("POST", refused(HttpMethod.GET, "/api/v2/nope", HttpResponseStatus.METHOD_NOT_ALLOWED)
                .headers().get("allow"));
        refused(HttpMethod.POST, "/api/v2/nope", HttpResponseStatus.NOT_FOUND);
        refused(HttpMethod.POST, "/api/v2/status/", HttpResponseStatus.NOT_FOUND);
    }

    private ApiException refused(HttpMethod method, String path, HttpResponseStatus status) {
        try {
            api.route(method, path);
        } catch (ApiException e) {
            assertEquals(method + " " + path, status, e.status());
            return e;
        }
        fail(method + " " + path + " was routed");
        return null;
    }

    private static RestSettings settings(String metricsPath) {
        return new RestSettings("127.0.0.1", 0, 0, "", 65_536, Duration.ofSeconds(60), metricsPath);
    }
}
