package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.jstan.broker.testing.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS: jnats over TLS, client certificate verification, and plaintext clients kept out. */
class TlsClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** jnats learns of a failed handshake at once but waits out its connection timeout before saying so. */
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    static Path certificateDirectory;
    private static TestCertificates certificates;

    private NatsServer server;

    @BeforeAll
    static void createCertificates() throws Exception {
        certificates = TestCertificates.writeTo(certificateDirectory);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void clientTrustingTheCaPublishesAndSubscribesOverTls() throws Exception {
        start(new NatsServerOptions().tls(true));

        try (Connection nc = Nats.connect(tlsOptions(certificates.clientContext()))) {
            Subscription sub = nc.subscribe("secure");
            nc.publish("secure", "secret".getBytes(StandardCharsets.UTF_8));

            Message message = sub.nextMessage(WAIT);
            assertNotNull(message);
            assertEquals("secret", new String(message.getData(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void clientWithACertificateSignedByTheCaIsAccepted() throws Exception {
        start(new NatsServerOptions().tlsVerify(true).tlsCaCert(certificates.caCert()));

        try (Connection nc = Nats.connect(tlsOptions(certificates.clientContextWithCertificate()))) {
            nc.flush(WAIT);
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        }
    }

    @Test
    void clientWithoutACertificateIsRefusedWhenTheServerVerifies() throws Exception {
        start(new NatsServerOptions().tlsVerify(true).tlsCaCert(certificates.caCert()));

        Options withoutCertificate = new Options.Builder().server("tls://127.0.0.1:" + server.port())
                .sslContext(certificates.clientContext()).connectionTimeout(REFUSAL_TIMEOUT).noReconnect().build();
        assertThrows(IOException.class, () -> Nats.connect(withoutCertificate).close());
    }

    @Test
    void jnatsWithoutTlsDoesNotConnect() throws Exception {
        start(new NatsServerOptions().tls(true));

        Options plaintext = new Options.Builder().server("nats://127.0.0.1:" + server.port()).noReconnect().build();
        assertThrows(IOException.class, () -> Nats.connect(plaintext).close());
    }

    @Test
    void serverClosesAClientThatSpeaksPlaintextAfterInfo() throws Exception {
        start(new NatsServerOptions().tls(true));

        try (RawConversation raw = RawConversation.open(server.port())) {
            assertTrue(raw.info().contains("\"tls_required\":true"), raw.info());
            assertEquals(List.of(RawConversation.CLOSED), raw.exchangeUntilClosed("CONNECT {}\r\nPING\r\n"));
        }
    }

    private void start(NatsServerOptions options) throws IOException {
        server = new NatsServer(options.host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT)
                .tlsCert(certificates.serverCert()).tlsKey(certificates.serverKey()));
        server.start();
    }

    private Options tlsOptions(SSLContext context) {
        return new Options.Builder().server("tls://127.0.0.1:" + server.port()).sslContext(context)
                .noReconnect().build();
    }
}
