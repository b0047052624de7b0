package io.jstan.cli.it;

import io.jstan.broker.testing.TestCertificates;
import io.jstan.broker.testing.TlsScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** {@code --tls} and {@code --tlsverify} with PEM files named on the command line ({@link TlsScenarios}). */
@Timeout(60)
class JarTlsIT {
    /** jnats learns of a failed handshake at once but waits out its connection timeout before saying so. */
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path certificateDirectory;
    private static TestCertificates certificates;
    private static JstanJar tls;
    private static JstanJar tlsVerify;

    @BeforeAll
    static void startJstan() throws Exception {
        certificates = TestCertificates.writeTo(certificateDirectory);
        String cert = certificates.serverCert().toString();
        String key = certificates.serverKey().toString();
        tls = JstanJar.local("--tls", "--tlscert", cert, "--tlskey", key);
        tlsVerify = JstanJar.local("--tlsverify", "--tlscert", cert, "--tlskey", key,
                "--tlscacert", certificates.caCert().toString());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(tls, tlsVerify);
    }

    @Test
    void clientTrustingTheCaPublishesAndSubscribesOverTls() throws Exception {
        scenarios(tls).clientPublishesAndSubscribesOverTls(certificates.clientContext());
    }

    @Test
    void plaintextClientDoesNotConnectToATlsServer() {
        scenarios(tls).jnatsWithoutTlsDoesNotConnect();
    }

    @Test
    void serverClosesAClientThatSpeaksPlaintextAfterInfo() throws Exception {
        scenarios(tls).serverClosesAClientThatSpeaksPlaintextAfterInfo();
    }

    @Test
    void clientWithACertificateSignedByTheCaIsAcceptedWhenTheServerVerifies() throws Exception {
        scenarios(tlsVerify).clientPublishesAndSubscribesOverTls(certificates.clientContextWithCertificate());
    }

    @Test
    void clientWithoutACertificateIsRefusedWhenTheServerVerifies() throws Exception {
        scenarios(tlsVerify).clientWithoutACertificateIsRefused(certificates.clientContext());
    }

    private static TlsScenarios scenarios(JstanJar jstan) {
        return new TlsScenarios(jstan.port(), REFUSAL_TIMEOUT);
    }
}
