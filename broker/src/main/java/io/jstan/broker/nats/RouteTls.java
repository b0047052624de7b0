package io.jstan.broker.nats;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;

/**
 * The TLS contexts of routes. As in nats-server, both sides present a certificate and verify the
 * other's against the CA: the listener as a server, the dialling side as a client.
 */
final class RouteTls {
    private final SslContext listener;
    private final SslContext dialer;

    private RouteTls(SslContext listener, SslContext dialer) {
        this.listener = listener;
        this.dialer = dialer;
    }

    static RouteTls load(ClusterOptions options) throws IOException {
        if (options.tlsKey() == null || options.tlsCaCert() == null) {
            throw new IOException("route TLS needs a certificate, a key and a CA certificate (cluster { tls { cert_file, key_file, ca_file } })");
        }
        try {
            SslContext listener = TlsFiles.server(options.tlsCert(), options.tlsKey(), options.tlsCaCert(), ClientAuth.REQUIRE);
            SslContext dialer = TlsFiles.client(options.tlsCert(), options.tlsKey(), options.tlsCaCert());
            return new RouteTls(listener, dialer);
        } catch (Exception e) {
            throw new IOException("cannot load the route TLS certificate, key or CA: " + e.getMessage(), e);
        }
    }

    SslContext listener() {
        return listener;
    }

    SslContext dialer() {
        return dialer;
    }
}
