package io.jstan.cli.streaming;

import io.jstan.broker.nats.TlsFiles;
import io.jstan.cli.options.ExternalNats;
import io.jstan.cli.options.NatsClientTls;
import io.nats.client.Options;

import javax.net.ssl.SSLContext;
import java.io.IOException;

/** The jnats options of the streaming server's connection to an external NATS server (-ns). */
public final class ExternalNatsOptions {
    private ExternalNatsOptions() {
    }

    /** @throws IOException when the TLS certificates or key cannot be read */
    public static Options of(ExternalNats nats, String clusterId) throws IOException {
        Options.Builder options = new Options.Builder()
                .servers(nats.urls().toArray(String[]::new))
                // nats-streaming-server's name for its connection, as the NATS server's monitoring shows it
                .connectionName("_NSS-" + clusterId + "-general");
        if (nats.user() != null) {
            options.userInfo(nats.user(), nats.password() == null ? "" : nats.password());
        }
        if (nats.token() != null) {
            options.token(nats.token().toCharArray());
        }
        if (nats.tls().enabled()) {
            options.sslContext(sslContext(nats.tls()));
        }
        return options.build();
    }

    private static SSLContext sslContext(NatsClientTls tls) throws IOException {
        try {
            return TlsFiles.sslContext(tls.clientCert(), tls.clientKey(), tls.caCert());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot load the TLS files for the connection to NATS: " + e.getMessage(), e);
        }
    }
}
