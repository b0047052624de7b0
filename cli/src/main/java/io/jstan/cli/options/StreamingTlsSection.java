package io.jstan.cli.options;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** TLS of the streaming server's connection to an external NATS server (-ns). */
public final class StreamingTlsSection implements OptionSection {

    @Option(names = "-secure", arity = "0..1",
            description = "Use a TLS connection to the NATS server, verified against the JVM's trusted CAs")
    @ConfigKey(value = "secure", scope = ConfigScope.STREAMING)
    boolean secure;

    @Option(names = "-tls_client_key", description = "Client key for the streaming server")
    @ConfigKey(value = "tls.client_key", scope = ConfigScope.STREAMING)
    Path clientKey;

    @Option(names = "-tls_client_cert", description = "Client certificate for the streaming server")
    @ConfigKey(value = "tls.client_cert", scope = ConfigScope.STREAMING)
    Path clientCert;

    @Option(names = "-tls_client_cacert", description = "Client certificate CA for the streaming server")
    @ConfigKey(value = {"tls.client_ca", "tls.client_cacert"}, scope = ConfigScope.STREAMING)
    Path caCert;

    @Override
    public String heading() {
        return "Streaming Server TLS Options";
    }

    NatsClientTls tls() throws UsageException {
        if ((clientCert == null) != (clientKey == null)) {
            throw new UsageException("a client certificate for the streaming server needs its key:"
                    + " give both -tls_client_cert and -tls_client_key (client_cert and client_key in the tls block)");
        }
        return new NatsClientTls(secure, clientCert, clientKey, caCert);
    }
}
