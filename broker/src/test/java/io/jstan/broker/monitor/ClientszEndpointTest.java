package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.streaming.ClientView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.jstan.broker.monitor.MonitoredStreaming.ALPHA;
import static io.jstan.broker.monitor.MonitoredStreaming.BETA;
import static io.jstan.broker.monitor.MonitoredStreaming.ORDERS;
import static io.jstan.broker.monitor.MonitoredStreaming.PRICES;
import static io.jstan.broker.monitor.ServerzEndpointTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ClientszEndpointTest {
    private MonitoredStreaming monitored;

    @BeforeEach
    void start() throws Exception {
        monitored = MonitoredStreaming.startWithActivity();
    }

    @AfterEach
    void stop() throws Exception {
        monitored.close();
    }

    @Test
    void listsTheClientsSortedByIdWithTheirSubscriptionCounts() throws Exception {
        JsonNode clientsz = monitored.nats().json("/streaming/clientsz");
        assertEquals(List.of("cluster_id", "server_id", "now", "offset", "limit", "count", "total", "clients"),
                fieldNames(clientsz));
        assertEquals("test-cluster", clientsz.get("cluster_id").asText());
        assertEquals(monitored.streaming().serverId(), clientsz.get("server_id").asText());
        assertPage(clientsz, 0, 1024, 2, List.of(ALPHA, BETA));

        JsonNode alpha = clientsz.get("clients").get(0);
        assertEquals(List.of("id", "hb_inbox", "subs_count"), fieldNames(alpha), "subscriptions only with subs=1");
        assertEquals(heartbeatInbox(ALPHA), alpha.get("hb_inbox").asText());
        assertEquals(2, alpha.get("subs_count").asInt());
        assertEquals(0, clientsz.get("clients").get(1).get("subs_count").asInt());
    }

    @Test
    void subsAddsEachClientsSubscriptionsByChannel() throws Exception {
        JsonNode clients = monitored.nats().json("/streaming/clientsz?subs=1").get("clients");
        JsonNode subscriptions = clients.get(0).get("subscriptions");
        assertEquals(List.of(ORDERS, PRICES), fieldNames(subscriptions));
        JsonNode durable = subscriptions.get(ORDERS).get(0);
        assertEquals(ALPHA, durable.get("client_id").asText());
        assertEquals(MonitoredStreaming.DURABLE, durable.get("durable_name").asText());
        assertEquals(true, durable.get("is_durable").asBoolean());
        assertEquals(3, durable.get("last_sent").asLong());
        JsonNode member = subscriptions.get(PRICES).get(0);
        assertEquals(MonitoredStreaming.QUEUE, member.get("queue_name").asText());
        assertEquals(2, member.get("pending_count").asInt());
        assertFalse(clients.get(1).has("subscriptions"), "a client without subscriptions has none listed, as Go's omitempty");
    }

    @Test
    void offsetAndLimitPageTheList() throws Exception {
        assertPage(monitored.nats().json("/streaming/clientsz?offset=1&limit=1"), 1, 1, 2, List.of(BETA));
        assertPage(monitored.nats().json("/streaming/clientsz?limit=1"), 0, 1, 2, List.of(ALPHA));
        assertPage(monitored.nats().json("/streaming/clientsz?offset=5"), 5, 1024, 2, List.of());
        assertPage(monitored.nats().json("/streaming/clientsz?offset=-1&limit=-1"), 0, 1024, 2, List.of(ALPHA, BETA));
    }

    @Test
    void badValuesAreReadAsNatsStreamingServerReadsThem() throws Exception {
        assertPage(monitored.nats().json("/streaming/clientsz?limit=abc&offset=x"), 0, 1024, 2, List.of(ALPHA, BETA));
        assertFalse(monitored.nats().json("/streaming/clientsz?subs=true").get("clients").get(0).has("subscriptions"),
                "only subs=1 asks for the subscriptions");
    }

    @Test
    void clientAnswersThatClientAlone() throws Exception {
        JsonNode alpha = monitored.nats().json("/streaming/clientsz?client=" + ALPHA);
        assertEquals(List.of("id", "hb_inbox", "subs_count"), fieldNames(alpha));
        assertEquals(ALPHA, alpha.get("id").asText());
        assertEquals(heartbeatInbox(ALPHA), alpha.get("hb_inbox").asText());
        assertEquals(2, alpha.get("subs_count").asInt());

        JsonNode withSubscriptions = monitored.nats().json("/streaming/clientsz?client=" + ALPHA + "&subs=1");
        assertEquals(List.of(ORDERS, PRICES), fieldNames(withSubscriptions.get("subscriptions")));
    }

    @Test
    void anUnknownClientIs404() throws Exception {
        HttpResponse<String> response = monitored.nats().get("/streaming/clientsz?client=nobody");
        assertEquals(404, response.statusCode());
        assertEquals("Client nobody not found\n", response.body());
    }

    private String heartbeatInbox(String clientId) {
        return monitored.streaming().clients().stream()
                .filter(client -> client.id().equals(clientId))
                .map(ClientView::heartbeatInbox)
                .findFirst()
                .orElseThrow();
    }

    private static void assertPage(JsonNode clientsz, int offset, int limit, int total, List<String> ids) {
        assertEquals(offset, clientsz.get("offset").asInt());
        assertEquals(limit, clientsz.get("limit").asInt());
        assertEquals(ids.size(), clientsz.get("count").asInt());
        assertEquals(total, clientsz.get("total").asInt());
        List<String> listed = new ArrayList<>();
        clientsz.get("clients").forEach(client -> listed.add(client.get("id").asText()));
        assertEquals(ids, listed);
    }
}
