package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.nats.NatsServerOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VarzEndpointTest {
    private static final String RFC3339_NANO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z";

    @Test
    void reportsTheSettingsOfTheServer() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            JsonNode varz = nats.json("/varz");
            assertEquals(nats.server().serverId(), varz.get("server_id").asText());
            assertEquals(nats.server().serverId(), varz.get("server_name").asText());
            assertEquals(JstanVersion.get(), varz.get("version").asText());
            assertEquals(1, varz.get("proto").asInt());
            assertEquals("127.0.0.1", varz.get("host").asText());
            assertEquals(nats.server().port(), varz.get("port").asInt());
            assertFalse(varz.has("auth_required"), "left out when false, as Go's omitempty");
            assertFalse(varz.has("tls_required"));
            assertEquals(NatsServerOptions.DEFAULT_MAX_CONNECTIONS, varz.get("max_connections").asInt());
            assertEquals(120_000_000_000L, varz.get("ping_interval").asLong());
            assertEquals(2, varz.get("ping_max").asInt());
            assertEquals("127.0.0.1", varz.get("http_host").asText());
            assertEquals(nats.monitoring().httpPort(), varz.get("http_port").asInt());
            assertEquals(0, varz.get("https_port").asInt());
            assertEquals("", varz.get("http_base_path").asText());
            assertTrue(varz.get("auth_timeout").isIntegralNumber(), "a whole float is written as Go writes it: 2");
            assertEquals(2, varz.get("auth_timeout").asInt());
            assertEquals(2, varz.get("tls_timeout").asInt());
            assertEquals(4096, varz.get("max_control_line").asInt());
            assertEquals(1024 * 1024, varz.get("max_payload").asInt());
            assertEquals(64L * 1024 * 1024, varz.get("max_pending").asLong());
            assertEquals(10_000_000_000L, varz.get("write_deadline").asLong());
            assertEquals(Runtime.getRuntime().availableProcessors(), varz.get("cores").asInt());
            assertTrue(varz.get("mem").asLong() > 0);
            assertTrue(varz.get("cpu").asDouble() >= 0);
            assertEquals(0, varz.get("routes").asInt());
            assertEquals(0, varz.get("remotes").asInt());
            assertEquals(0, varz.get("leafnodes").asInt());
        }
    }

    @Test
    void timesAreRfc3339InUtcAndUptimeIsGoShortForm() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            JsonNode varz = nats.json("/varz");
            assertTrue(varz.get("start").asText().matches(RFC3339_NANO), varz.get("start").asText());
            assertTrue(varz.get("now").asText().matches(RFC3339_NANO), varz.get("now").asText());
            assertEquals(nats.server().startTime(), Instant.parse(varz.get("start").asText()));
            assertEquals(varz.get("start").asText(), varz.get("config_load_time").asText());
            assertFalse(Instant.parse(varz.get("now").asText()).isBefore(nats.server().startTime()));
            assertTrue(varz.get("uptime").asText().matches("\\d+s"), varz.get("uptime").asText());
        }
    }

    @Test
    void countsConnectionsMessagesAndSubscriptions() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            Connection publisher = Nats.connect(nats.natsUrl());
            Connection subscriber = Nats.connect(nats.natsUrl());
            int internalSubscriptions = nats.server().router().count();
            Subscription subscription = subscriber.subscribe("orders");
            subscriber.subscribe("audit.>");
            subscriber.flush(Duration.ofSeconds(5));
            byte[] payload = "12345".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                publisher.publish("orders", payload);
            }
            publisher.flush(Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                assertNotNull(subscription.nextMessage(Duration.ofSeconds(5)));
            }
            await(() -> nats.json("/varz").get("out_msgs").asLong() == 3, "3 messages out");

            JsonNode varz = nats.json("/varz");
            assertEquals(2, varz.get("connections").asInt());
            assertEquals(2, varz.get("total_connections").asLong());
            assertEquals(3, varz.get("in_msgs").asLong());
            assertEquals(15, varz.get("in_bytes").asLong());
            assertEquals(3, varz.get("out_msgs").asLong());
            assertEquals(15, varz.get("out_bytes").asLong());
            assertEquals(0, varz.get("slow_consumers").asLong());
            assertEquals(internalSubscriptions + 2, varz.get("subscriptions").asInt());

            publisher.close();
            await(() -> nats.json("/varz").get("connections").asInt() == 1, "the publisher gone");
            assertEquals(2, nats.json("/varz").get("total_connections").asLong());
            subscriber.close();
        }
    }

    @Test
    void countsRequestsByPath() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            nats.get("/");
            nats.get("/connz");
            nats.get("/connz?subs=1");
            nats.get("/subscriptionsz");
            nats.get("/nope");
            nats.get("/metrics");
            JsonNode stats = nats.json("/varz").get("http_req_stats");
            assertEquals(1, stats.get("/").asLong());
            assertEquals(2, stats.get("/connz").asLong());
            assertEquals(1, stats.get("/subsz").asLong(), "the old name counts as /subsz, as in nats-server");
            assertEquals(1, stats.get("/varz").asLong());
            assertFalse(stats.has("/nope"));
            assertFalse(stats.has("/metrics"), "jstan's own endpoint is not nats-server's");
            assertEquals(2, nats.json("/varz").get("http_req_stats").get("/varz").asLong());
        }
    }

    @Test
    void reportsConfiguredOptions() throws Exception {
        NatsServerOptions options = MonitoredNatsServer.localOptions()
                .serverName("alpha")
                .user("admin").password("secret")
                .maxPayload(2048)
                .pingInterval(Duration.ofSeconds(5))
                .authTimeout(Duration.ofMillis(1500));
        try (MonitoredNatsServer nats = MonitoredNatsServer.start(options, NatsServerOptions.RANDOM_PORT, 0,
                HttpClient.newBuilder())) {
            JsonNode varz = nats.json("/varz");
            assertEquals("alpha", varz.get("server_name").asText());
            assertTrue(varz.get("auth_required").asBoolean());
            assertEquals(2048, varz.get("max_payload").asInt());
            assertEquals(5_000_000_000L, varz.get("ping_interval").asLong());
            assertEquals(1.5, varz.get("auth_timeout").asDouble());
        }
    }
}
