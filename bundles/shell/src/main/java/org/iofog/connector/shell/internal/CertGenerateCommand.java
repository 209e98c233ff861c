package org.iofog.connector.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.iofog.connector.api.tls.CertificateGenerator;
import org.iofog.connector.api.tls.CertificateInfo;

/** Writes a self-signed pair at the configured paths; the connector loads it at once. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "cert-generate",
        description = "Generates a self-signed certificate and key at the configured paths and loads them")
public class CertGenerateCommand extends ConnectorAction {

    @Option(name = "--force", description = "Replace an existing certificate and key")
    boolean force;

    @Reference
    CertificateGenerator generator;

    @Override
    void run(PrintStream out) throws IOException {
        CertificateInfo certificate;
        try {
            certificate = generator.generateSelfSigned(force);
        } catch (IOException e) {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            throw new IOException(force ? message : message + "; connector:cert-generate --force replaces them", e);
        }
        out.println("Wrote a self-signed certificate to " + certificate.certFile() + " and its key to "
                + certificate.keyFile() + "; it is in use now.");
        CertInfoCommand.lines(certificate, Instant.now()).print(out);
    }
}
