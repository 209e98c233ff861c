package org.iofog.connector.tls.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettings.ClientAuth;
import org.iofog.connector.support.settings.ConfigProxy;
import org.iofog.connector.support.settings.KarafFolder;
import org.iofog.connector.support.settings.LastGoodSettings;
import org.iofog.connector.support.settings.MetatypeCheck;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** PID org.iofog.connector.tls as the TLS component reads it. */
public class TlsConfigurationTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private LastGoodSettings<TlsConfiguration.Config, TlsSettings> component(Path legacyDirectory,
            Map<String, ?> values) {
        LastGoodSettings<TlsConfiguration.Config, TlsSettings> component = new TlsConfiguration(legacyDirectory,
                new KarafFolder(karafBase())).lastGood(TlsConfigurationTest.class);
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class, values);
        return component;
    }

    private Path karafBase() {
        return folder.getRoot().toPath().resolve("karaf");
    }

    @Test
    public void defaultsUseTheConnectorsFolderInKarafWhenTheOldDaemonHasNoCertificate() throws IOException {
        TlsSettings settings = component(folder.newFolder("none").toPath(), Map.of()).current();
        assertEquals(karafBase().resolve("iofog-connector/server-cert.pem"), settings.certFile());
        assertEquals(karafBase().resolve("iofog-connector/server-key.pem"), settings.keyFile());
        assertEquals("ec-p256", settings.selfSignedKeyType());
        assertEquals(TlsSettings.Engine.AUTO, settings.engine());
        assertEquals(ClientAuth.NONE, settings.relayClientAuth());
        assertFalse(settings.selfSignedGenerate());
        assertNull(settings.clientCaFile());
    }

    @Test
    public void theOldDaemonsPairIsUsedWhenItsCertificateExists() throws IOException {
        Path legacy = folder.newFolder("etc-iofog-connector").toPath();
        Files.writeString(legacy.resolve("server-cert.pem"), "");
        TlsSettings settings = component(legacy, Map.of()).current();
        assertEquals(legacy.resolve("server-cert.pem"), settings.certFile());
        assertEquals(legacy.resolve("server-key.pem"), settings.keyFile());
    }

    @Test
    public void aConfiguredCertificateTakesItsKeyFromTheSameDirectory() throws IOException {
        TlsSettings settings = component(folder.getRoot().toPath(),
                Map.of("cert_file", "/srv/tls/chain.pem")).current();
        assertEquals(Path.of("/srv/tls/chain.pem"), settings.certFile());
        assertEquals(Path.of("/srv/tls/server-key.pem"), settings.keyFile());
    }

    @Test
    public void namesAreSplitAndChecked() {
        var component = component(folder.getRoot().toPath(),
                Map.of("self_signed_names", new String[] {"connector.example.com, 10.0.0.7", "::1"}));
        assertEquals(List.of("connector.example.com", "10.0.0.7", "::1"), component.current().selfSignedNames());
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class,
                Map.of("self_signed_names", new String[] {"bad name"}));
        assertEquals("self.signed.names: \"bad name\" is not an IP address or a host name",
                component.problem().orElseThrow());
    }

    @Test
    public void badChoicesAreNamedWithTheAllowedValues() {
        var component = component(folder.getRoot().toPath(), Map.of("engine", "gnutls"));
        assertEquals("engine: \"gnutls\" is not one of auto, openssl, jdk", component.problem().orElseThrow());
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class,
                Map.of("self_signed_key_type", "dsa-1024"));
        assertEquals("self.signed.key.type: \"dsa-1024\" is not one of ec-p256, rsa-2048, rsa-3072",
                component.problem().orElseThrow());
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class, Map.of("rest_client_auth", "maybe"));
        assertEquals("rest.client.auth: \"maybe\" is not one of none, optional, require",
                component.problem().orElseThrow());
    }

    @Test
    public void clientAuthNeedsTrustedIssuers() {
        var component = component(folder.getRoot().toPath(),
                Map.of("relay_client_auth", "require"));
        assertTrue(component.problem().orElseThrow().startsWith("client.ca.file: must name the PEM file"));
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class,
                Map.of("relay_client_auth", "require", "client_ca_file", "/srv/tls/ca.pem"));
        assertEquals(ClientAuth.REQUIRE, component.current().relayClientAuth());
        assertEquals(Path.of("/srv/tls/ca.pem"), component.current().clientCaFile());
    }

    @Test
    public void thePasswordNeverReachesTheLog() {
        var component = component(folder.getRoot().toPath(), Map.of("key_password", "hunter2"));
        assertEquals("hunter2", component.current().keyPassword());
        assertFalse(component.current().toString().contains("hunter2"));
    }

    @Test
    public void theKeyCannotBeTheCertificate() {
        var component = component(folder.getRoot().toPath(),
                Map.of("cert_file", "/srv/tls/both.pem", "key_file", "/srv/tls/both.pem"));
        assertEquals("key.file: must not be the certificate file /srv/tls/both.pem", component.problem().orElseThrow());
    }

    @Test
    public void selfSignedGenerationSettingsAreReadStrictly() {
        var component = component(folder.getRoot().toPath(),
                Map.of("self.signed.generate", "TRUE", "self.signed.validity.days", "90"));
        assertTrue(component.current().selfSignedGenerate());
        assertEquals(90, component.current().selfSignedValidityDays());
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class,
                Map.of("self.signed.generate", "on"));
        assertEquals("self.signed.generate: \"on\" is not true or false", component.problem().orElseThrow());
        assertTrue(component.current().selfSignedGenerate());
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class,
                Map.of("self.signed.validity.days", "1y"));
        assertEquals("self.signed.validity.days: \"1y\" is not a whole number", component.problem().orElseThrow());
        ConfigProxy.deliver(component::apply, TlsConfiguration.Config.class,
                Map.of("self.signed.validity.days", 0));
        assertEquals("self.signed.validity.days: 0 is too small (at least 1)", component.problem().orElseThrow());
        assertEquals(90, component.current().selfSignedValidityDays());
    }

    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(TlsConfiguration.Config.class);
    }
}
