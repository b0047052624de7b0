package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpsMonitoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    private TestCertificates certificates;

    @BeforeEach
    void writeCertificates() throws Exception {
        certificates = TestCertificates.writeTo(directory);
    }

    @Test
    void servesOverHttpsWithTheServerCertificate() throws Exception {
        try (MonitoredNatsServer nats = startHttps(tlsOptions())) {
            assertEquals(-1, nats.monitoring().httpPort());
            HttpResponse<String> response = nats.getHttps("/varz");
            assertEquals(200, response.statusCode());
            JsonNode varz = JSON.readTree(response.body());
            assertEquals(nats.monitoring().httpsPort(), varz.get("https_port").asInt());
            assertEquals(0, varz.get("http_port").asInt());
            assertTrue(varz.get("tls_required").asBoolean());
        }
    }

    @Test
    void doesNotAskForAClientCertificateEvenWhenNatsClientsMustShowOne() throws Exception {
        NatsServerOptions options = tlsOptions().tlsVerify(true).tlsCaCert(certificates.caCert());
        try (MonitoredNatsServer nats = startHttps(options)) {
            HttpResponse<String> response = nats.getHttps("/healthz");
            assertEquals(200, response.statusCode());
            assertTrue(JSON.readTree(nats.getHttps("/varz").body()).get("tls_verify").asBoolean());
        }
    }

    @Test
    void connzShowsTheTlsVersionAndCipherOfAClient() throws Exception {
        try (MonitoredNatsServer nats = startHttps(tlsOptions())) {
            Connection client = Nats.connect(Options.builder()
                    .server("tls://127.0.0.1:" + nats.server().port())
                    .sslContext(certificates.clientContext())
                    .build());
            client.flush(Duration.ofSeconds(5));
            JsonNode connection = JSON.readTree(nats.getHttps("/connz").body()).get("connections").get(0);
            client.close();
            assertTrue(connection.get("tls_version").asText().matches("1\\.[23]"), connection.toString());
            assertTrue(connection.get("tls_cipher_suite").asText().startsWith("TLS_"), connection.toString());
        }
    }

    private NatsServerOptions tlsOptions() {
        return MonitoredNatsServer.localOptions().tls(true)
                .tlsCert(certificates.serverCert())
                .tlsKey(certificates.serverKey());
    }

    private MonitoredNatsServer startHttps(NatsServerOptions options) throws Exception {
        return MonitoredNatsServer.start(options, 0, NatsServerOptions.RANDOM_PORT,
                HttpClient.newBuilder().sslContext(certificates.clientContext()));
    }
}
