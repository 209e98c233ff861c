package org.iofog.connector.rest.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.iofog.connector.api.mapping.Mapping;
import org.iofog.connector.api.mapping.MappingException;
import org.iofog.connector.api.mapping.MappingRegistry;
import org.iofog.connector.api.metrics.RelayCountersProvider;
import org.iofog.connector.api.mapping.MappingStatus;
import org.iofog.connector.api.mapping.MappingType;
import org.iofog.connector.api.mapping.PrivatePipeSpec;
import org.iofog.connector.api.mapping.PublicPipeSpec;
import org.iofog.connector.api.ports.NoAvailablePortsException;
import org.iofog.connector.api.ports.PortAllocator;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.RestSettings;
import org.iofog.connector.support.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of the REST API v2 (docs/protocol.md §2): each takes the form fields of one request and
 * gives the answer, or an {@link ApiException} naming what was wrong with the request.
 */
final class Api {

    static final String PREFIX = "/api/v2/";
    static final String NO_PORTS = "No enough available ports";

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    /** Who sent a request, as the server saw it. */
    record Caller(InetAddress address, String forwardedFor) {

        /** The caller's address as the Connector sees it, honouring {@code X-Forwarded-For} (first entry). */
        String remoteIp() {
            if (forwardedFor != null) {
                int comma = forwardedFor.indexOf(',');
                String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).strip();
                if (!first.isEmpty()) {
                    return first;
                }
            }
            // No header, or one whose first entry is empty: the connection's own address.
            return address.getHostAddress();
        }
    }

    private final MappingRegistry registry;
    private final PortAllocator ports;
    private final Supplier<ConnectorSettings> connector;
    private final Supplier<RestSettings> rest;
    private final MappingRequest mappingRequest;
    private final DirectRendezvous rendezvous = new DirectRendezvous();
    private final CommandLine commandLine;
    private final String version;
    private final RelayCountersProvider counters;

    Api(MappingRegistry registry, PortAllocator ports, RelayCountersProvider counters,
        Supplier<ConnectorSettings> connector, Supplier<RestSettings> rest, MappingRequest mappingRequest,
        String version, Runnable stop) {
        this.registry = registry;
        this.counters = counters;
        this.ports = ports;
        this.connector = connector;
        this.rest = rest;
        this.mappingRequest = mappingRequest;
        this.version = version;
        this.commandLine = new CommandLine(version, this::statusLine, stop);
    }

    /** Whether the path names an endpoint, so the server can answer 404 before reading a body. */
    static boolean isEndpoint(String path) {
        return switch (path) {
            case PREFIX + "mapping/add", PREFIX + "mapping/remove", PREFIX + "status", PREFIX + "commandline",
                 PREFIX + "direct/add", PREFIX + "direct", PREFIX + "direct/remove" -> true;
            default -> false;
        };
    }

    /** Whether the path is where the counters are served (a GET), when that is on. */
    boolean isMetrics(String path) {
        String metrics = rest.get().metricsPath();
        return !metrics.isEmpty() && metrics.equals(path);
    }

    ApiResponse handle(String path, FormBody form, Caller caller) throws ApiException {
        if (isMetrics(path)) {
            return ApiResponse.text(PrometheusText.CONTENT_TYPE, PrometheusText.of(counters.counters()));
        }
        return switch (path) {
            case PREFIX + "mapping/add" -> addMapping(form);
            case PREFIX + "mapping/remove" -> removeMapping(form);
            case PREFIX + "status" -> status(form);
            case PREFIX + "commandline" -> commandLine.run(form.required("command"), caller.address());
            case PREFIX + "direct/add" -> addDirect();
            case PREFIX + "direct" -> direct(form, caller);
            case PREFIX + "direct/remove" -> removeDirect(form);
            default -> throw ApiException.notFound("unknown endpoint " + path);
        };
    }

    private ApiResponse addMapping(FormBody form) throws ApiException {
        Record spec = mappingRequest.parse(form.required("mapping"));
        Mapping mapping;
        try {
            mapping = spec instanceof PublicPipeSpec pub ? registry.addPublic(pub)
                    : registry.addPrivate((PrivatePipeSpec) spec);
        } catch (NoAvailablePortsException e) {
            LOG.warn("Mapping refused: {} ({})", NO_PORTS, e.getMessage());
            throw new ApiException(HttpResponseStatus.INSUFFICIENT_STORAGE, NO_PORTS);
        } catch (MappingException e) {
            throw unavailable(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("id", mapping.id());
        body.put("port1", mapping.port1());
        body.put("port2", mapping.port2());
        body.put("passcode1", mapping.passcodePort1());
        body.put("passcode2", mapping.passcodePort2());
        return ApiResponse.ok(body);
    }

    private ApiResponse removeMapping(FormBody form) throws ApiException {
        String id = form.required("mappingid");
        MappingStatus status = registry.status(id).orElse(null);
        if (status == null || status.mapping().type() == MappingType.DIRECT) {
            throw ApiException.notFound("no mapping with id " + id);
        }
        remove(id);
        return ApiResponse.ok(Map.of("status", "ok", "id", id));
    }

    private ApiResponse status(FormBody form) throws ApiException {
        String id = form.required("mappingid");
        Map<String, Object> body = new LinkedHashMap<>();
        if (id.equals("all")) {
            body.put("id", "all");
            body.put("status", "running");
            body.put("mappings", portMappings());
            body.put("version", version);
            body.put("availablePorts", ports.usage().free());
            return ApiResponse.ok(body);
        }
        MappingStatus status = registry.status(id).orElseThrow(() -> ApiException.notFound("no mapping with id " + id));
        Mapping mapping = status.mapping();
        body.put("id", id);
        switch (mapping.type()) {
            case PUBLIC -> {
                body.put("public", active(status.port2Listening()));
                body.put("private", active(status.port1Listening()));
            }
            case PRIVATE -> {
                body.put("private1", active(status.port1Listening()));
                body.put("private2", active(status.port2Listening()));
            }
            case DIRECT -> body.put("direct", rendezvous.waitingCallers(id) > 0 ? "Waiting" : "Idle");
        }
        // Ours, added after the Controller's fields: what an operator wants to see.
        body.put("type", mapping.type().name().toLowerCase(Locale.ROOT));
        if (mapping.type() != MappingType.DIRECT) {
            body.put("port1", mapping.port1());
            body.put("port2", mapping.port2());
            body.put("connectionsport1", status.agentsPort1());
            body.put("connectionsport2", mapping.type() == MappingType.PUBLIC ? status.publicClients()
                    : status.agentsPort2());
            body.put("bytesport1toport2", status.bytesPort1ToPort2());
            body.put("bytesport2toport1", status.bytesPort2ToPort1());
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse addDirect() throws ApiException {
        Mapping entry;
        try {
            entry = registry.addDirect();
        } catch (MappingException e) {
            throw unavailable(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("id", entry.id());
        body.put("passkey", entry.passcodePort1());
        body.put("port", connector.get().broker());
        return ApiResponse.ok(body);
    }

    private ApiResponse direct(FormBody form, Caller caller) throws ApiException {
        String id = form.required("id");
        String passkey = form.required("passkey");
        int port = port(form.required("port"));
        String ip = form.required("ip");
        String certificate = form.optional("certificate");
        Mapping entry = registry.status(id).map(MappingStatus::mapping)
                .filter(m -> m.type() == MappingType.DIRECT && Secrets.same(m.passcodePort1(), passkey))
                .orElseThrow(() -> ApiException.notFound("no direct entry with this id and passkey"));
        DirectRendezvous.Caller me = new DirectRendezvous.Caller(ip, caller.remoteIp(), port, certificate,
                System.currentTimeMillis());
        Optional<DirectRendezvous.Caller> other = rendezvous.meet(entry.id(), me, rest.get().directWait());
        Map<String, Object> body = new LinkedHashMap<>();
        if (other.isEmpty()) {
            body.put("status", "wait");
            body.put("id", id);
            return ApiResponse.ok(body);
        }
        body.put("status", "ok");
        body.put("id", id);
        body.put("ip", other.get().ip());
        body.put("remoteip", other.get().remoteIp());
        body.put("port", other.get().port());
        body.put("certificate", other.get().certificate());
        return ApiResponse.ok(body);
    }

    private ApiResponse removeDirect(FormBody form) throws ApiException {
        String id = form.required("mappingid");
        MappingStatus status = registry.status(id).orElse(null);
        if (status == null || status.mapping().type() != MappingType.DIRECT) {
            throw ApiException.notFound("no direct entry with id " + id);
        }
        remove(id);
        rendezvous.forget(id);
        return ApiResponse.ok(Map.of("status", "ok", "id", id));
    }

    private void remove(String id) throws ApiException {
        try {
            if (!registry.remove(id)) {
                throw ApiException.notFound("no mapping with id " + id);
            }
        } catch (MappingException e) {
            throw unavailable(e);
        }
    }

    /** The one-line health text of {@code commandline status}. */
    String statusLine() {
        long mappings = portMappings();
        return "ioFog Connector " + version + " is running: " + mappings + " mapping" + (mappings == 1 ? "" : "s")
                + ", " + ports.usage().free() + " ports available, " + (connector.get().dev() ? "dev mode (no TLS)"
                : "TLS");
    }

    /** Mappings with ports: direct entries are kept with them but are not port mappings. */
    private long portMappings() {
        return registry.statuses().stream().filter(s -> s.mapping().type() != MappingType.DIRECT).count();
    }

    private static String active(boolean listening) {
        return listening ? "Active" : "Inactive";
    }

    private static int port(String text) throws ApiException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("field \"port\" must be a port number (1-65535), was \"" + text + "\"");
    }

    /** The registry could not carry out a valid request (TLS missing, a listener or the file failed). */
    private static ApiException unavailable(MappingException e) {
        LOG.error("Request could not be carried out: {}", e.getMessage());
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
