package io.jstan.broker.nats;

import io.jstan.broker.testing.TestCertificates;
import io.jstan.broker.testing.TlsScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TLS ({@link TlsScenarios}) against an in-process server: jnats over TLS, client certificates, plaintext kept out. */
class TlsClientTest {
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    static Path certificateDirectory;
    private static TestCertificates certificates;

    @RegisterExtension
    final InProcessServer nats = new InProcessServer();

    @BeforeAll
    static void createCertificates() throws Exception {
        certificates = TestCertificates.writeTo(certificateDirectory);
    }

    @Test
    void clientTrustingTheCaPublishesAndSubscribesOverTls() throws Exception {
        tls().clientPublishesAndSubscribesOverTls(certificates.clientContext());
    }

    @Test
    void clientWithACertificateSignedByTheCaIsAccepted() throws Exception {
        tlsVerify().clientPublishesAndSubscribesOverTls(certificates.clientContextWithCertificate());
    }

    @Test
    void clientWithoutACertificateIsRefusedWhenTheServerVerifies() throws Exception {
        tlsVerify().clientWithoutACertificateIsRefused(certificates.clientContext());
    }

    @Test
    void jnatsWithoutTlsDoesNotConnect() {
        tls().jnatsWithoutTlsDoesNotConnect();
    }

    @Test
    void serverClosesAClientThatSpeaksPlaintextAfterInfo() throws Exception {
        tls().serverClosesAClientThatSpeaksPlaintextAfterInfo();
    }

    @Test
    void aPlaintextClientIsKeptAmongTheClosedAsATlsHandshakeFailure() throws Exception {
        tls().serverClosesAClientThatSpeaksPlaintextAfterInfo();
        await(() -> nats.server().closedConnections().size() == 1, "the plaintext client closed");
        assertEquals("TLS Handshake Failure", nats.server().closedConnections().get(0).reason(), "nats-server's reason");
    }

    private TlsScenarios tls() {
        return start(new NatsServerOptions().tls(true));
    }

    private TlsScenarios tlsVerify() {
        return start(new NatsServerOptions().tlsVerify(true).tlsCaCert(certificates.caCert()));
    }

    private TlsScenarios start(NatsServerOptions options) {
        NatsServer server = nats.start(options.tlsCert(certificates.serverCert()).tlsKey(certificates.serverKey()));
        return new TlsScenarios(server.port(), REFUSAL_TIMEOUT);
    }
}
