package io.jstan.cli.options;

import java.nio.file.Path;

/**
 * TLS of the streaming server's connection to an external NATS server.
 *
 * @param secure     TLS even without certificates, the server verified against the JVM's trusted CAs
 * @param clientCert null for none, else given with its key
 * @param clientKey  null for none
 * @param caCert     the CAs the server is verified against; null for the JVM's
 */
public record NatsClientTls(boolean secure, Path clientCert, Path clientKey, Path caCert) {

    public boolean enabled() {
        return secure || clientCert != null || caCert != null;
    }
}
