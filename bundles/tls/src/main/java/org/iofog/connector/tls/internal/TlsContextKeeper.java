package org.iofog.connector.tls.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.iofog.connector.api.settings.ConnectorSettings;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettings.ClientAuth;
import org.iofog.connector.api.tls.CertificateGenerator;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;
import org.iofog.connector.api.tls.TlsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the server contexts built from the configured files, rebuilding them when the files or the
 * settings change. A pair that fails to load never replaces a good one: the last good contexts keep
 * serving new handshakes and {@link #certificateProblem()} says what is wrong with the files on disk.
 *
 * <p>Contexts are immutable and handed out per connection, so a reload never touches connections
 * that already completed their handshake.
 */
final class TlsContextKeeper implements TlsContextProvider, CertificateGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContextKeeper.class);
    private static final String FILES_CHANGED = "files changed";

    /** What one successful load produced. */
    private record Loaded(Map<TlsEndpoint, SslContext> contexts, CertificateInfo info) {
    }

    private final Clock clock;
    private final Duration quietPeriod;
    private final Duration lookInterval;
    /** This host's names and addresses, which a generated certificate names. */
    private final HostNames hostNames = new HostNames(HostNames.SYSTEM);

    private volatile Loaded loaded;
    private volatile String problem;
    private volatile SslProvider engine = SslProvider.JDK;

    // Written under `this`; read without the lock by clientCertificateRequired.
    private volatile TlsSettings settings;

    // Guarded by `this`.
    private ConnectorSettings connector;
    private FileChangeWatcher watcher;
    private List<Path> watchedFiles = List.of();
    private boolean engineLogged;

    /**
     * @param quietPeriod  how long changed files must stay unchanged before they are read
     * @param lookInterval how often the files are looked at besides the file system's notifications
     */
    TlsContextKeeper(Clock clock, Duration quietPeriod, Duration lookInterval) {
        this.clock = clock;
        this.quietPeriod = quietPeriod;
        this.lookInterval = lookInterval;
    }

    /** Applies new settings; reloads when anything the contexts depend on changed. */
    synchronized void configure(TlsSettings newSettings, ConnectorSettings newConnector) {
        boolean first = settings == null;
        boolean tlsChanged = !newSettings.equals(settings)
                || connector == null || !connector.address().equals(newConnector.address());
        boolean leftDevMode = connector != null && connector.dev() && !newConnector.dev();
        settings = newSettings;
        connector = newConnector;
        if (tlsChanged) {
            chooseEngine();
            watch(filesOf(newSettings));
            reload(first ? "start" : "configuration change");
        } else if (leftDevMode && loaded == null) {
            LOG.error("Dev mode is off but no TLS certificate is loaded: {}. Relay ports and the REST API refuse"
                    + " TLS connections until it is fixed (etc/{}.cfg).", problem, TlsSettings.PID);
        }
    }

    /** Reads the files again, generating a self-signed pair first when configured to and none exists. */
    synchronized void reload(String reason) {
        if (settings == null) {
            return;
        }
        try {
            if (settings.selfSignedGenerate() && !Files.exists(settings.certFile())
                    && !Files.exists(settings.keyFile())) {
                writeSelfSigned(false);
            }
            load(reason);
        } catch (TlsFileException | IOException e) {
            reject(e.getMessage());
        }
    }

    @Override
    public synchronized CertificateInfo generateSelfSigned(boolean overwrite) throws IOException {
        if (settings == null) {
            throw new IOException("the TLS settings are not available yet");
        }
        try {
            writeSelfSigned(overwrite);
            load("new self-signed pair");
        } catch (TlsFileException e) {
            reject(e.getMessage());
            throw new IOException(e.getMessage(), e);
        }
        return loaded.info();
    }

    @Override
    public Optional<SslContext> serverContext(TlsEndpoint endpoint) {
        Loaded current = loaded;
        return current == null ? Optional.empty() : Optional.of(current.contexts().get(endpoint));
    }

    @Override
    public boolean clientCertificateRequired(TlsEndpoint endpoint) {
        TlsSettings current = settings;
        if (current == null) {
            return false;
        }
        ClientAuth auth = endpoint == TlsEndpoint.REST ? current.restClientAuth() : current.relayClientAuth();
        return auth == ClientAuth.REQUIRE;
    }

    @Override
    public String engine() {
        return EngineChoice.displayName(engine);
    }

    @Override
    public Optional<CertificateInfo> certificate() {
        Loaded current = loaded;
        return current == null ? Optional.empty() : Optional.of(current.info());
    }

    @Override
    public Optional<String> certificateProblem() {
        return Optional.ofNullable(problem);
    }

    synchronized void close() {
        watch(List.of());
    }

    private void load(String reason) throws TlsFileException {
        char[] password = settings.keyPassword().isEmpty() ? null : settings.keyPassword().toCharArray();
        CertificatePair pair = CertificatePairs.load(settings.certFile(), settings.keyFile(), password, clock);
        List<X509Certificate> clientIssuers = settings.clientCaFile() == null ? List.of()
                : PemFiles.readCertificates(settings.clientCaFile());
        SslProvider provider = engine;
        Map<TlsEndpoint, SslContext> contexts = new EnumMap<>(TlsEndpoint.class);
        try {
            contexts.put(TlsEndpoint.RELAY, ServerContextFactory.build(provider, pair, settings.relayClientAuth(),
                    clientIssuers));
            // REST asks without requiring, so that a caller without a certificate gets a 401 it can read.
            ClientAuth rest = settings.restClientAuth() == ClientAuth.REQUIRE ? ClientAuth.OPTIONAL
                    : settings.restClientAuth();
            contexts.put(TlsEndpoint.REST, ServerContextFactory.build(provider, pair, rest, clientIssuers));
        } catch (SSLException | RuntimeException e) {
            throw new TlsFileException(settings.certFile() + ": the TLS engine " + EngineChoice.displayName(provider)
                    + " cannot use this certificate and key (" + e.getMessage() + ")", e);
        }
        CertificateInfo info = CertificateDescriptions.describe(pair, settings.certFile(), settings.keyFile());
        if (reason.equals(FILES_CHANGED) && loaded != null && loaded.info().equals(info)) {
            // Touched or rewritten with the same pair (our own generation is seen by the watcher too).
            problem = null;
            return;
        }
        loaded = new Loaded(contexts, info);
        problem = null;
        LOG.info("TLS certificate loaded ({}) from {} and {}: {}{}", reason, settings.certFile(), settings.keyFile(),
                CertificateDescriptions.summary(info), clientAuthSummary());
        CertificatePairs.expiryWarning(settings.certFile(), pair, clock).ifPresent(LOG::warn);
    }

    /**
     * Picks the engine when the settings change (not at every reload of the files), before any pair loads,
     * so that status shows the engine TLS will use.
     */
    private void chooseEngine() {
        SslProvider chosen = EngineChoice.choose(settings.engine());
        if (chosen != engine || !engineLogged) {
            LOG.info("TLS engine: {} ({})", EngineChoice.displayName(chosen), EngineChoice.details(chosen));
            engineLogged = true;
        }
        engine = chosen;
    }

    private void reject(String why) {
        problem = why;
        if (loaded != null) {
            LOG.error("TLS files rejected: {}. The certificate loaded before stays in use.", why);
        } else if (connector.dev()) {
            LOG.info("No TLS certificate loaded: {}. Fine in dev mode; one is needed when dev = false.", why);
        } else {
            LOG.error("No TLS certificate loaded: {}. Relay ports and the REST API refuse TLS connections until it is"
                    + " fixed (etc/{}.cfg).", why, TlsSettings.PID);
        }
    }

    private void writeSelfSigned(boolean overwrite) throws TlsFileException, IOException {
        // Looked up at each generation, not once: the host's names and addresses may have changed since the start.
        List<String> names = CertificateNames.of(connector.address(), hostNames, settings.selfSignedNames());
        CertificatePair pair = SelfSignedGenerator.generate(KeyType.parse(settings.selfSignedKeyType()), names,
                Duration.ofDays(settings.selfSignedValidityDays()), clock);
        SelfSignedGenerator.write(pair, settings.certFile(), settings.keyFile(), overwrite);
        LOG.info("Generated a self-signed {} pair for {} in {} and {}", settings.selfSignedKeyType(), names,
                settings.certFile(), settings.keyFile());
    }

    private String clientAuthSummary() {
        if (settings.relayClientAuth() == ClientAuth.NONE && settings.restClientAuth() == ClientAuth.NONE) {
            return "";
        }
        return "; client certificates: relay " + settings.relayClientAuth() + ", REST " + settings.restClientAuth()
                + ", issuers from " + settings.clientCaFile();
    }

    private void watch(List<Path> files) {
        if (files.equals(watchedFiles)) {
            return;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        watchedFiles = files;
        if (files.isEmpty()) {
            return;
        }
        try {
            watcher = new FileChangeWatcher(files, () -> reload(FILES_CHANGED), quietPeriod, lookInterval).start();
        } catch (IOException e) {
            LOG.error("Cannot watch {} for changes ({}); change the configuration to reload them", files,
                    e.getMessage());
        }
    }

    private static List<Path> filesOf(TlsSettings settings) {
        List<Path> files = new ArrayList<>(List.of(settings.certFile(), settings.keyFile()));
        if (settings.clientCaFile() != null) {
            files.add(settings.clientCaFile());
        }
        return files;
    }
}
