package io.jstan.cli.it;

import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -ns}: the streaming server connects to Debian's nats-server instead of embedding one. */
@Timeout(60)
class JarExternalNatsIT {
    private static final String READY = JstanJar.STREAMING_READY;

    @TempDir
    Path dir;

    @Test
    void connectsToTheExternalServerAndListensForNoClient() throws Exception {
        try (ReferenceNatsServer nats = ReferenceNatsServer.start("-D");
             JstanJar jstan = JstanJar.startUntil(READY, "-ns", nats.url())) {
            assertTrue(jstan.output().contains("[INF] STREAM: Connected to NATS Server at " + nats.url()), jstan.output());
            assertFalse(jstan.output().contains("Listening for client connections"), jstan.output());
            await(() -> nats.log().contains("Client connection created"), "nats-server logs jstan's connection");
        }
    }

    @Test
    void presentsItsClientCertificateToAServerThatVerifiesIt() throws Exception {
        TestCertificates certificates = TestCertificates.writeTo(dir);
        try (ReferenceNatsServer nats = ReferenceNatsServer.start("--tlsverify", "--tlscert", certificates.serverCert().toString(),
                "--tlskey", certificates.serverKey().toString(), "--tlscacert", certificates.caCert().toString());
             JstanJar jstan = JstanJar.startUntil(READY, "-ns", nats.url(),
                     "-tls_client_cert", certificates.clientCert().toString(),
                     "-tls_client_key", certificates.clientKey().toString(),
                     "-tls_client_cacert", certificates.caCert().toString())) {
            assertTrue(jstan.output().contains("[INF] STREAM: Connected to NATS Server at "), jstan.output());
        }
    }

    @Test
    void aServerThatCannotBeReachedIsFatal() throws Exception {
        int closedPort;
        try (ReferenceNatsServer nats = ReferenceNatsServer.start()) {
            closedPort = nats.port();
        }
        try (JstanJar jstan = JstanJar.launch("-ns", "nats://127.0.0.1:" + closedPort)) {
            assertEquals(1, jstan.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(jstan.output().contains("[FTL] STREAM: Failed to start: cannot connect to NATS Server at nats://127.0.0.1:"
                    + closedPort), jstan.output());
        }
    }
}
