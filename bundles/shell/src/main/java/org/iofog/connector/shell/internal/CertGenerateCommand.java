package org.iofog.connector.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.iofog.connector.api.settings.TlsSettings;
import org.iofog.connector.api.settings.TlsSettingsProvider;
import org.iofog.connector.api.tls.CertificateGenerator;
import org.iofog.connector.api.tls.CertificateInfo;

/** Writes a self-signed pair at the configured paths; the connector loads it at once. */
@Service
@Command(scope = ConnectorAction.SCOPE, name = "cert-generate",
        description = "Generates a self-signed certificate and key at the configured paths and loads them")
public class CertGenerateCommand extends ConnectorAction {

    static final String FORCE_HINT = "; connector:cert-generate --force replaces them";

    @Option(name = "--force", description = "Replace an existing certificate and key")
    boolean force;

    @Reference
    CertificateGenerator generator;

    @Reference(optional = true)
    TlsSettingsProvider settings;

    @Override
    void run(PrintStream out) throws IOException, CommandException {
        if (!force && settings != null) {
            // Refused here, before asking the generator: the TLS bundle treats its own refusal as rejected TLS
            // files (an ERROR line in karaf.log and a "TLS problem" in connector:status) although nothing is wrong.
            refuseExisting(settings.current());
        }
        CertificateInfo certificate;
        try {
            certificate = generator.generateSelfSigned(force);
        } catch (IOException e) {
            String message = message(e);
            throw new CommandException(force ? message : message + FORCE_HINT, e);
        }
        out.println("Wrote a self-signed certificate to " + certificate.certFile() + " and its key to "
                + certificate.keyFile() + "; it is in use now.");
        CertInfoCommand.lines(certificate, Instant.now()).print(out);
    }

    /** The certificate file first, then the key, as the generator checks them; a dangling link counts as a file. */
    static void refuseExisting(TlsSettings tls) throws CommandException {
        for (Path file : List.of(tls.certFile(), tls.keyFile())) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw mistake(file + ": already exists, so the certificate and key were kept" + FORCE_HINT);
            }
        }
    }
}
