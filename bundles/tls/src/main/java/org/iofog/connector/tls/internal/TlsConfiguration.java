package org.iofog.connector.tls.internal;

import static org.iofog.connector.support.settings.SettingChecks.host;
import static org.iofog.connector.support.settings.SettingChecks.intAtLeast;
import static org.iofog.connector.support.settings.SettingChecks.oneOf;
import static org.iofog.connector.support.settings.SettingChecks.path;
import static org.iofog.connector.support.settings.SettingChecks.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.iofog.connector.api.settings.ConnectorFolder;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettings.ClientAuth;
import org.iofog.connector.support.settings.InvalidSettingException;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.RawValues;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * PID {@code org.iofog.connector.tls}: its properties, their defaults, and how they are checked.
 *
 * <p>Empty certificate and key paths mean the old daemon's files when they exist (so an installation
 * moves over as it is), else the connector's folder in Karaf, which the connector can write a generated
 * pair to.
 */
final class TlsConfiguration {

    static final String CERT_NAME = "server-cert.pem";
    static final String KEY_NAME = "server-key.pem";

    @ObjectClassDefinition(id = TlsSettings.PID, name = "ioFog Connector TLS",
            description = "Certificate and key of relay ports and the REST API when not in dev mode")
    @interface Config {

        @AttributeDefinition(name = "Certificate file", required = false,
                description = "PEM certificate chain, server certificate first. Empty: "
                        + "/etc/iofog-connector/server-cert.pem when it exists, else iofog-connector/server-cert.pem in Karaf")
        String cert_file() default "";

        @AttributeDefinition(name = "Key file", required = false,
                description = "PEM private key (PKCS#1, PKCS#8 or EC; RSA or EC). Empty: server-key.pem beside the"
                        + " certificate")
        String key_file() default "";

        @AttributeDefinition(name = "Key password", type = AttributeType.PASSWORD, required = false,
                description = "Password of an encrypted PKCS#8 key; empty for none")
        String key_password() default "";

        @AttributeDefinition(name = "Generate a self-signed pair",
                description = "When neither file exists, generate a self-signed pair there. An existing file is"
                        + " never overwritten (use connector:cert-generate --force for that)")
        boolean self_signed_generate() default false;

        @AttributeDefinition(name = "Self-signed key type", options = {
                @Option(value = "ec-p256", label = "EC P-256"),
                @Option(value = "rsa-2048", label = "RSA 2048"),
                @Option(value = "rsa-3072", label = "RSA 3072")},
                description = "Key algorithm of a generated self-signed pair (here or by connector:cert-generate):"
                        + " ec-p256 (the default: small, fast handshakes), rsa-2048 or rsa-3072 for clients that"
                        + " cannot use EC keys. A pair already on disk keeps its key")
        String self_signed_key_type() default "ec-p256";

        @AttributeDefinition(name = "Self-signed names", required = false,
                description = "Domain names and IP addresses of a generated certificate besides the connector's"
                        + " address, comma-separated")
        String[] self_signed_names() default {};

        @AttributeDefinition(name = "Self-signed validity (days)", min = "1",
                description = "Days a generated self-signed certificate is valid, counted from when it is generated;"
                        + " at least 1, 365 by default. Renew with connector:cert-generate --force")
        int self_signed_validity_days() default 365;

        @AttributeDefinition(name = "TLS engine", options = {
                @Option(value = "auto", label = "OpenSSL when it loads, else the JDK's"),
                @Option(value = "openssl", label = "OpenSSL (BoringSSL)"),
                @Option(value = "jdk", label = "JDK")},
                description = "Which TLS implementation serves relay ports and the REST API: auto (the default)"
                        + " uses OpenSSL (BoringSSL, faster for bulk data) when its native library loads here, else"
                        + " the JDK's; openssl asks for it and falls back to the JDK's with an error in the log;"
                        + " jdk always uses the JDK's. connector:status shows the engine in use")
        String engine() default "auto";

        @AttributeDefinition(name = "Relay client certificates", options = {
                @Option(value = "none", label = "Not asked for"),
                @Option(value = "optional", label = "Checked when shown"),
                @Option(value = "require", label = "Required")},
                description = "Whether agents and public clients on relay ports must show a certificate")
        String relay_client_auth() default "none";

        @AttributeDefinition(name = "REST client certificates", options = {
                @Option(value = "none", label = "Not asked for"),
                @Option(value = "optional", label = "Checked when shown"),
                @Option(value = "require", label = "Required")},
                description = "Whether REST API callers must show a certificate")
        String rest_client_auth() default "none";

        @AttributeDefinition(name = "Client CA file", required = false,
                description = "PEM certificates trusted to issue client certificates; needed when client"
                        + " certificates are asked for")
        String client_ca_file() default "";
    }

    private final Path legacyDirectory;
    private final ConnectorFolder folder;

    /**
     * @param legacyDirectory the old daemon's folder, {@code /etc/iofog-connector}
     * @param folder          the connector's folder in Karaf, which relative paths are resolved against
     */
    TlsConfiguration(Path legacyDirectory, ConnectorFolder folder) {
        this.legacyDirectory = legacyDirectory;
        this.folder = folder;
    }

    /** The settings in force for this PID, logged by {@code owner}. */
    LastGoodSettings<Config, TlsSettings> lastGood(Class<?> owner) {
        return new LastGoodSettings<>(owner, TlsSettings.PID, Config.class, this::settings);
    }

    /** Turns a configuration into settings, or says which property is wrong. */
    TlsSettings settings(Config c, RawValues raw) throws InvalidSettingException {
        Path certFile = optionalPath("cert.file", read("cert.file", c::cert_file));
        Path keyFile = optionalPath("key.file", read("key.file", c::key_file));
        if (certFile == null) {
            certFile = defaultDirectory().resolve(CERT_NAME);
        }
        if (keyFile == null) {
            keyFile = certFile.resolveSibling(KEY_NAME);
        }
        if (certFile.equals(keyFile)) {
            throw new InvalidSettingException("key.file", "must not be the certificate file " + certFile);
        }
        String keyType = read("self.signed.key.type", c::self_signed_key_type).strip().toLowerCase(Locale.ROOT);
        if (!TlsSettings.KEY_TYPES.contains(keyType)) {
            throw new InvalidSettingException("self.signed.key.type",
                    "\"" + keyType + "\" is not one of " + String.join(", ", TlsSettings.KEY_TYPES));
        }
        ClientAuth relayAuth = choice("relay.client.auth", read("relay.client.auth", c::relay_client_auth),
                ClientAuth.class);
        ClientAuth restAuth = choice("rest.client.auth", read("rest.client.auth", c::rest_client_auth),
                ClientAuth.class);
        Path clientCa = optionalPath("client.ca.file", read("client.ca.file", c::client_ca_file));
        if (clientCa == null && (relayAuth != ClientAuth.NONE || restAuth != ClientAuth.NONE)) {
            throw new InvalidSettingException("client.ca.file",
                    "must name the PEM file of trusted client certificate issuers when relay.client.auth or"
                            + " rest.client.auth is optional or require");
        }
        String password = read("key.password", c::key_password);
        return new TlsSettings(certFile, keyFile, password == null ? "" : password,
                raw.bool("self.signed.generate", c::self_signed_generate), keyType,
                names(read("self.signed.names", c::self_signed_names)),
                intAtLeast("self.signed.validity.days",
                        raw.wholeNumber("self.signed.validity.days", c::self_signed_validity_days), 1),
                choice("engine", read("engine", c::engine), TlsSettings.Engine.class),
                relayAuth, restAuth, clientCa);
    }

    /** The old daemon's directory when its certificate is there, else the connector's folder in Karaf. */
    private Path defaultDirectory() {
        if (Files.isRegularFile(legacyDirectory.resolve(CERT_NAME))) {
            return legacyDirectory;
        }
        return folder.folder();
    }

    private Path optionalPath(String property, String value) throws InvalidSettingException {
        return value == null || value.isBlank() ? null : folder.resolve(path(property, value));
    }

    private static List<String> names(String[] values) throws InvalidSettingException {
        List<String> names = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    names.add(host("self.signed.names", token));
                }
            }
        }
        return names;
    }

    private static <E extends Enum<E>> E choice(String property, String value, Class<E> type)
            throws InvalidSettingException {
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return Enum.valueOf(type, oneOf(property, value, allowed).toUpperCase(Locale.ROOT));
    }
}
