package org.iofog.connector.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.tls.CertificateInfo;
import org.iofog.connector.api.tls.TlsContextProvider;

/** The server certificate relay ports and the REST API serve when dev mode is off. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "cert-info",
        description = "Shows the TLS certificate in use: subject, names, validity, SHA-256, key, engine and files")
public class CertInfoCommand extends ConnectorAction {

    @Reference
    TlsContextProvider tls;

    @Override
    void run(PrintStream out) throws CommandException {
        CertificateInfo certificate = tls.certificate().orElseThrow(() -> mistake(
                "no TLS certificate loaded: " + tls.certificateProblem().orElse("none configured")
                        + " (connector:cert-generate makes a self-signed one; files are set in etc/"
                        + TlsSettings.PID + ".cfg)"));
        Lines lines = lines(certificate, Instant.now()).add("Engine", tls.engine());
        tls.certificateProblem().ifPresent(p -> lines.add("Problem", p + " (the certificate above stays in use)"));
        lines.print(out);
    }

    static Lines lines(CertificateInfo certificate, Instant now) {
        return new Lines()
                .add("Subject", certificate.subject())
                .add("Issuer", certificate.issuer() + (certificate.selfSigned() ? " (self-signed)" : ""))
                .add("Names (SAN)", certificate.subjectAltNames().isEmpty() ? "none"
                        : String.join(", ", certificate.subjectAltNames()))
                .add("Valid from", certificate.notBefore().truncatedTo(ChronoUnit.SECONDS))
                .add("Valid until", Formats.expiry(certificate.notAfter(), now))
                .add("SHA-256", certificate.sha256Fingerprint())
                .add("Key", certificate.keyAlgorithm())
                .add("Chain", Formats.count(certificate.chainLength(), "certificate"))
                .add("Certificate file", certificate.certFile())
                .add("Key file", certificate.keyFile());
    }
}
