package org.iofog.connector.api.tls;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/** Makes a new self-signed pair at the configured certificate and key paths. */
@ProviderType
public interface CertificateGenerator {

    /**
     * Generates and writes a self-signed pair with the configured key type and names; the TLS context
     * provider loads it at once.
     *
     * @param overwrite replace an existing pair; without it an existing file is never touched
     * @return the new certificate
     * @throws IOException when a file exists and {@code overwrite} is false, or the files cannot be written;
     *                     the message names the file
     */
    CertificateInfo generateSelfSigned(boolean overwrite) throws IOException;
}
