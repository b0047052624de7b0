package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS, against any server listening on 127.0.0.1:port with the certificates of
 * {@link TestCertificates}: jnats over TLS, client certificates, plaintext clients kept out.
 *
 * @param refusalTimeout jnats learns of a failed handshake at once but waits out its connection
 *                       timeout before saying so: the shorter, the faster a refusal is seen
 */
public record TlsScenarios(int port, Duration refusalTimeout) {

    /** A client with {@code context} (trusting the CA, with or without a certificate of its own) gets in and round-trips. */
    public void clientPublishesAndSubscribesOverTls(SSLContext context) throws Exception {
        try (Connection nc = Nats.connect(tls(context).build())) {
            ClientWaits.assertRoundTrip(nc, "tls.secure", "secret");
        }
    }

    /** For a server that verifies clients: {@code withoutCertificate} trusts the CA but has no certificate. */
    public void clientWithoutACertificateIsRefused(SSLContext withoutCertificate) {
        Options options = tls(withoutCertificate).connectionTimeout(refusalTimeout).build();
        assertThrows(IOException.class, () -> Nats.connect(options).close());
    }

    public void jnatsWithoutTlsDoesNotConnect() {
        Options plaintext = new Options.Builder().server("nats://127.0.0.1:" + port).connectionTimeout(refusalTimeout)
                .noReconnect().build();
        assertThrows(IOException.class, () -> Nats.connect(plaintext).close());
    }

    public void serverClosesAClientThatSpeaksPlaintextAfterInfo() throws Exception {
        try (RawConversation raw = RawConversation.open(port)) {
            assertTrue(raw.info().contains("\"tls_required\":true"), raw.info());
            assertEquals(List.of(RawConversation.CLOSED), raw.exchangeUntilClosed("CONNECT {}\r\nPING\r\n"));
        }
    }

    private Options.Builder tls(SSLContext context) {
        return new Options.Builder().server("tls://127.0.0.1:" + port).sslContext(context).noReconnect();
    }
}
