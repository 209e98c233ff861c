package org.iofog.connector.rest.internal;

/** The optional protection of the API, read for every request so that changes apply at once. */
interface RequestPolicy {

    /** The bearer token every request must carry; empty for none. */
    String apiToken();

    /** Whether a verified client certificate is required (HTTPS only). */
    boolean clientCertificateRequired();
}
