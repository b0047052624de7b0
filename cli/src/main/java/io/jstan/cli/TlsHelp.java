package io.jstan.cli;

/** The text of {@code jstan --help_tls}. */
final class TlsHelp {
    static final String TEXT = """

            TLS for client connections (and for https monitoring, -ms):

                --tls                  TLS on, client certificates not asked for
                --tlscert <file>       The server's certificate chain, PEM
                --tlskey <file>        Its private key, PEM
                --tlsverify            TLS on, and clients must present a certificate
                                       signed by a CA in --tlscacert
                --tlscacert <file>     CA certificates for client verification, PEM
                --tls=false            TLS off, whatever the configuration file says

            The same in a configuration file (-c):

                tls {
                  cert_file: "server-cert.pem"
                  key_file:  "server-key.pem"
                  ca_file:   "ca.pem"
                  verify:    true
                  timeout:   2      # seconds for the handshake
                }

            """;

    private TlsHelp() {
    }
}
