package org.iofog.connector.rest.internal;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.iofog.connector.rest.internal.Produces.JSON;
import static org.iofog.connector.rest.internal.Produces.PROMETHEUS_TEXT;
import static org.iofog.connector.rest.internal.Route.ANY;

import java.util.List;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import org.iofog.connector.api.group.GroupStatus;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.RestSettings;

/**
 * The route table of the REST API: every path the server answers, with its method, the body it accepts, the
 * answer it produces and the endpoint that serves it. The server learns from here alone which paths exist, and
 * answers 405 and 404 from here. Adding an endpoint is its class and one line below.
 */
final class Api {

    private static final String PREFIX = "/api/v2/";
    /** For keepalived, load balancers and Kubernetes probes, which send GET. */
    static final String HEALTH = "/health";

    /** The API v2 (docs/protocol.md §2): every endpoint takes POST and a form, and answers JSON. */
    private static final String API_V2 = "every endpoint";
    private static final String FORM = HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString();

    private final List<Route> routes;

    Api(MappingRegistry registry, PortAllocator ports, RelayCountersProvider counters,
        Supplier<ConnectorSettings> connector, Supplier<RestSettings> rest, MappingRequest mappingRequest,
        Supplier<GroupStatus> group, String version, Runnable stop) {
        DirectRendezvous rendezvous = new DirectRendezvous();
        StatusLine statusLine = new StatusLine(registry, ports, connector, version);
        // First: a metrics path that equals an endpoint's is the metrics path.
        routes = List.of(
                new Route("the metrics path", () -> rest.get().metricsPath(), GET, ANY, PROMETHEUS_TEXT,
                        new MetricsEndpoint(counters, group)),
                new Route("the health path", () -> HEALTH, GET, ANY, JSON, new HealthEndpoint(registry, group)),
                new Route(API_V2, at("mapping/add"), POST, FORM, JSON,
                        new MappingAddEndpoint(registry, mappingRequest)),
                new Route(API_V2, at("mapping/remove"), POST, FORM, JSON,
                        new MappingRemoveEndpoint(registry)),
                new Route(API_V2, at("status"), POST, FORM, JSON,
                        new StatusEndpoint(registry, ports, rendezvous, version)),
                new Route(API_V2, at("commandline"), POST, FORM, JSON,
                        new CommandLineEndpoint(version, statusLine, stop)),
                new Route(API_V2, at("direct/add"), POST, FORM, JSON,
                        new DirectAddEndpoint(registry, connector)),
                new Route(API_V2, at("direct"), POST, FORM, JSON,
                        new DirectEndpoint(registry, rendezvous, rest)),
                new Route(API_V2, at("direct/remove"), POST, FORM, JSON,
                        new DirectRemoveEndpoint(registry, rendezvous)));
    }

    /**
     * The route that serves a request to the path (without its query). A method the path does not take is
     * refused first (405; a path no route has is told what the API v2 takes), then a path no route has (404).
     */
    Route route(HttpMethod method, String path) throws ApiException {
        Route route = routes.stream().filter(r -> r.serves(path)).findFirst().orElse(null);
        HttpMethod expected = route == null ? POST : route.method();
        if (!method.equals(expected)) {
            // Allow has always named POST, also on the metrics path: answers stay what clients have seen.
            throw ApiException.methodNotAllowed("method " + method + " is not allowed; "
                    + (route == null ? API_V2 : route.name()) + " takes " + expected, POST);
        }
        if (route == null) {
            throw ApiException.notFound("unknown endpoint " + path);
        }
        return route;
    }

    private static Supplier<String> at(String endpoint) {
        String path = PREFIX + endpoint;
        return () -> path;
    }
}
