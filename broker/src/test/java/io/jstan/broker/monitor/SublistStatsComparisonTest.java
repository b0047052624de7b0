package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same subscribers and publishers against jstan and the real nats-server 2.9.10 (without a system
 * account, whose own subscriptions would be counted): /subsz's statistics move the same way.
 */
class SublistStatsComparisonTest {
    private static final Pattern MONITOR_PORT = Pattern.compile("Starting http monitor on [^\\s]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FLUSH = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private ReferenceNatsServer reference;
    private int referenceMonitorPort;
    private MonitoredNatsServer jstan;

    @BeforeEach
    void start() throws Exception {
        reference = ReferenceNatsServer.startWithConfig("no_sys_acc: true", "-m", "-1");
        Matcher port = MONITOR_PORT.matcher(reference.log());
        assertTrue(port.find(), reference.log());
        referenceMonitorPort = Integer.parseInt(port.group(1));
        jstan = MonitoredNatsServer.start();
    }

    @AfterEach
    void stop() {
        jstan.close();
        reference.close();
    }

    @Test
    void statisticsMoveAsNatsServersDo() throws Exception {
        JsonNode referenceBefore = referenceJson("/subsz");
        JsonNode jstanBefore = jstan.json("/subsz");
        JsonNode referenceAfter;
        JsonNode jstanAfter;
        try (Connection subscriber = Nats.connect(reference.url()); Connection other = Nats.connect(reference.url())) {
            traffic(subscriber, other);
            referenceAfter = referenceJson("/subsz");
        }
        try (Connection subscriber = Nats.connect(jstan.natsUrl()); Connection other = Nats.connect(jstan.natsUrl())) {
            traffic(subscriber, other);
            jstanAfter = jstan.json("/subsz");
        }

        for (String counter : new String[]{"num_subscriptions", "num_inserts", "num_removes", "num_matches"}) {
            assertEquals(referenceAfter.get(counter).asLong() - referenceBefore.get(counter).asLong(),
                    jstanAfter.get(counter).asLong() - jstanBefore.get(counter).asLong(), counter);
        }
        assertEquals(0, jstanBefore.get("num_matches").asLong(), "nothing matched before the traffic");
        assertEquals(0, jstanBefore.get("num_cache").asLong(), "nothing cached before the traffic");
        for (String figure : new String[]{"num_cache", "cache_hit_rate", "max_fanout", "avg_fanout"}) {
            assertEquals(referenceAfter.get(figure).asDouble(), jstanAfter.get(figure).asDouble(), 1e-9, figure);
        }
        assertTrue(jstanAfter.get("num_matches").asLong() > 0 && jstanAfter.get("cache_hit_rate").asDouble() > 0,
                jstanAfter.toString());
    }

    /**
     * Subscriptions to a subject, a wildcard and a queue group of two; the same subjects published
     * several times by one client and once by another (whose own cache is cold); a subscription
     * removed, then its subject published again.
     */
    private static void traffic(Connection subscriber, Connection other) throws Exception {
        subscriber.subscribe("orders");
        Subscription wildcard = subscriber.subscribe("orders.*");
        subscriber.subscribe("jobs", "workers");
        subscriber.subscribe("jobs", "workers");
        subscriber.flush(FLUSH);
        publish(subscriber, "orders", 5);
        publish(subscriber, "orders.eu", 3);
        publish(subscriber, "jobs", 4);
        publish(subscriber, "nobody", 2);
        subscriber.flush(FLUSH);
        publish(other, "orders", 2);
        publish(other, "jobs", 1);
        other.flush(FLUSH);
        wildcard.unsubscribe();
        subscriber.flush(FLUSH);
        publish(subscriber, "orders.eu", 1);
        publish(subscriber, "orders", 1);
        subscriber.flush(FLUSH);
    }

    private static void publish(Connection client, String subject, int times) {
        for (int i = 0; i < times; i++) {
            client.publish(subject, new byte[1]);
        }
    }

    private JsonNode referenceJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + referenceMonitorPort + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
