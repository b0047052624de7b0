package io.jstan.cli.streaming;

import io.jstan.cli.options.ExternalNats;
import io.jstan.cli.options.NatsClientTls;
import io.nats.client.Options;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
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
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (tls.clientCert() != null) {
                builder.keyManager(tls.clientCert().toFile(), tls.clientKey().toFile());
            }
            if (tls.caCert() != null) {
                builder.trustManager(tls.caCert().toFile());
            }
            return ((JdkSslContext) builder.build()).context();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot load the TLS files for the connection to NATS: " + e.getMessage(), e);
        }
    }
}
