package org.iofog.connector.api.tls;

/** Who serves TLS: the two may differ in whether clients must show a certificate. */
public enum TlsEndpoint {
    /** Relay ports: agents and public clients. */
    RELAY,
    /** The REST API: the Controller and the command-line tool. */
    REST
}
