package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three clients: "first" subscribes to one subject and publishes nothing, "second" subscribes to
 * two and publishes 1 message, "third" subscribes to none and publishes 5 messages to "second".
 */
class ConnzEndpointTest {
    private MonitoredNatsServer nats;
    private final List<Connection> clients = new ArrayList<>();

    @BeforeEach
    void connectClients() throws Exception {
        nats = MonitoredNatsServer.start();
        Connection first = connect("first");
        Connection second = connect("second");
        Connection third = connect("third");
        first.subscribe("news");
        second.subscribe("work.*");
        second.subscribe("alerts");
        first.flush(Duration.ofSeconds(5));
        second.flush(Duration.ofSeconds(5));
        second.publish("nobody", new byte[10]);
        for (int i = 0; i < 5; i++) {
            third.publish("work.item", new byte[100]);
        }
        second.flush(Duration.ofSeconds(5));
        third.flush(Duration.ofSeconds(5));
        await(() -> connection(nats.json("/connz"), cid(second)).get("out_msgs").asInt() == 5, "5 messages to second");
    }

    @AfterEach
    void close() throws Exception {
        for (Connection client : clients) {
            client.close();
        }
        nats.close();
    }

    @Test
    void listsTheOpenConnectionsByCid() throws Exception {
        JsonNode connz = nats.json("/connz");
        assertEquals(nats.server().serverId(), connz.get("server_id").asText());
        assertEquals(3, connz.get("num_connections").asInt());
        assertEquals(3, connz.get("total").asInt());
        assertEquals(0, connz.get("offset").asInt());
        assertEquals(1024, connz.get("limit").asInt());
        assertEquals(List.of(cid(0), cid(1), cid(2)), cids(connz));

        JsonNode second = connz.get("connections").get(1);
        assertEquals("Client", second.get("kind").asText());
        assertEquals("nats", second.get("type").asText());
        assertEquals("127.0.0.1", second.get("ip").asText());
        assertTrue(second.get("port").asInt() > 0);
        assertEquals("second", second.get("name").asText());
        assertEquals("java", second.get("lang").asText());
        assertFalse(second.get("version").asText().isEmpty());
        assertEquals(2, second.get("subscriptions").asInt());
        assertEquals(1, second.get("in_msgs").asInt());
        assertEquals(10, second.get("in_bytes").asInt());
        assertEquals(5, second.get("out_msgs").asInt());
        assertEquals(500, second.get("out_bytes").asInt());
        assertEquals(0, second.get("pending_bytes").asInt());
        assertEquals("0s", second.get("rtt").asText());
        assertTrue(second.get("uptime").asText().matches("\\d+s"));
        assertTrue(second.get("idle").asText().matches("\\d+s"));
        assertTrue(second.has("start") && second.has("last_activity"));
        assertFalse(second.has("subscriptions_list"), "listed only when asked for");
        assertFalse(second.has("tls_version"), "left out without TLS");
    }

    @Test
    void subsListsTheSubjectsOfEachConnection() throws Exception {
        for (String subs : new String[]{"1", "true", "detail"}) {
            JsonNode connections = nats.json("/connz?subs=" + subs).get("connections");
            assertEquals(List.of("news"), texts(connections.get(0).get("subscriptions_list")), subs);
            assertEquals(List.of("alerts", "work.*"), texts(connections.get(1).get("subscriptions_list")), subs);
            assertFalse(connections.get(2).has("subscriptions_list"), "an empty list is left out, as Go's omitempty");
        }
        assertFalse(nats.json("/connz?subs=0").get("connections").get(0).has("subscriptions_list"));
        assertFalse(nats.json("/connz?subs=false").get("connections").get(0).has("subscriptions_list"));
        assertBadRequest("/connz?subs=maybe", "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"maybe\": invalid syntax");
    }

    @Test
    void limitAndOffsetPage() throws Exception {
        JsonNode page = nats.json("/connz?limit=1&offset=1");
        assertEquals(1, page.get("num_connections").asInt());
        assertEquals(3, page.get("total").asInt());
        assertEquals(1, page.get("offset").asInt());
        assertEquals(1, page.get("limit").asInt());
        assertEquals(List.of(cid(1)), cids(page));

        JsonNode beyond = nats.json("/connz?offset=5");
        assertEquals(0, beyond.get("num_connections").asInt());
        assertEquals(3, beyond.get("total").asInt());
        assertTrue(beyond.get("connections").isArray() && beyond.get("connections").isEmpty());

        JsonNode defaults = nats.json("/connz?limit=0&offset=-2");
        assertEquals(1024, defaults.get("limit").asInt());
        assertEquals(0, defaults.get("offset").asInt());
        assertEquals(3, defaults.get("num_connections").asInt());
        assertBadRequest("/connz?offset=x", "Error decoding int for 'offset': strconv.Atoi: parsing \"x\": invalid syntax");
    }

    @Test
    void sortOrdersLargestFirst() throws Exception {
        assertEquals(List.of(cid(1), cid(0), cid(2)), cids(nats.json("/connz?sort=subs")));
        assertEquals(List.of(cid(2), cid(1), cid(0)), cids(nats.json("/connz?sort=msgs_from")));
        assertEquals(List.of(cid(2), cid(1), cid(0)), cids(nats.json("/connz?sort=bytes_from")));
        assertEquals(cid(1), cids(nats.json("/connz?sort=msgs_to")).get(0));
        assertEquals(cid(1), cids(nats.json("/connz?sort=bytes_to")).get(0));
        assertEquals(List.of(cid(0), cid(1), cid(2)), cids(nats.json("/connz?sort=start")));
        assertEquals(List.of(cid(2), cid(1), cid(0)), cids(nats.json("/connz?sort=uptime")), "shortest uptime first");
        for (String sort : new String[]{"pending", "last", "idle"}) {
            assertEquals(3, nats.json("/connz?sort=" + sort).get("num_connections").asInt(), sort);
        }
        assertBadRequest("/connz?sort=size", "invalid sorting option: size");
        assertBadRequest("/connz?sort=stop", "sort by stop only valid on closed connections");
    }

    @Test
    void cidSelectsOneConnection() throws Exception {
        JsonNode connz = nats.json("/connz?cid=" + cid(2));
        assertEquals(List.of(cid(2)), cids(connz));
        assertEquals(1, connz.get("limit").asInt());
        assertEquals(3, connz.get("total").asInt());
        assertEquals(0, nats.json("/connz?cid=999").get("num_connections").asInt());
        assertBadRequest("/connz?cid=-1", "Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
    }

    @Test
    void aClosedConnectionIsKeptWithWhenAndWhyItClosed() throws Exception {
        long first = cid(0);
        Instant beforeClose = Instant.now();
        clients.get(0).close();
        await(() -> nats.json("/connz?state=closed").get("total").asInt() == 1, "the closed client kept");

        JsonNode closed = nats.json("/connz?state=closed");
        assertEquals(1, closed.get("num_connections").asInt());
        JsonNode info = closed.get("connections").get(0);
        assertEquals(first, info.get("cid").asLong());
        assertEquals("Client Closed", info.get("reason").asText());
        Instant stop = Instant.parse(info.get("stop").asText());
        assertFalse(stop.isBefore(beforeClose.minusMillis(1)), "stopped when closed: " + stop);
        assertEquals("first", info.get("name").asText());
        assertEquals(1, info.get("subscriptions").asInt(), "the subscriptions it had when it closed");
        assertEquals(0, info.get("in_msgs").asInt());
        assertFalse(info.has("subscriptions_list"), "listed only when asked for");
        assertEquals(List.of("news"), texts(nats.json("/connz?state=closed&subs=1").get("connections").get(0)
                .get("subscriptions_list")));
        assertEquals(GoUptime.format(Duration.between(Instant.parse(info.get("start").asText()), stop)),
                info.get("uptime").asText(), "uptime ends when the connection closed");

        assertEquals(2, nats.json("/connz").get("total").asInt());
        assertFalse(nats.json("/connz").get("connections").get(0).has("reason"), "an open connection has no reason");
        assertFalse(nats.json("/connz").get("connections").get(0).has("stop"));
        JsonNode all = nats.json("/connz?state=all");
        assertEquals(3, all.get("total").asInt());
        assertEquals(List.of(first, cid(1), cid(2)), cids(all), "open and closed together, by cid");
    }

    @Test
    void closedConnectionsSortByStopAndReasonAndPage() throws Exception {
        long first = cid(0);
        long second = cid(1);
        clients.get(0).close();
        await(() -> nats.json("/connz?state=closed").get("total").asInt() == 1, "first closed");
        clients.get(1).close();
        await(() -> nats.json("/connz?state=closed").get("total").asInt() == 2, "second closed");
        try (RawConversation violator = RawConversation.open(nats.server().port())) {
            violator.exchangeUntilClosed("NOT-A-PROTOCOL-OPERATION\r\n");
        }
        await(() -> nats.json("/connz?state=closed").get("total").asInt() == 3, "the violator closed");
        long violator = cids(nats.json("/connz?state=closed")).get(2);

        assertEquals(List.of(first, second, violator), cids(nats.json("/connz?state=closed")), "by cid");
        assertEquals(List.of(violator, second, first), cids(nats.json("/connz?state=closed&sort=stop")),
                "the most recently closed first");
        assertEquals(List.of("Client Closed", "Client Closed", "Protocol Violation"),
                reasons(nats.json("/connz?state=closed&sort=reason")));
        JsonNode page = nats.json("/connz?state=closed&sort=stop&offset=1&limit=1");
        assertEquals(List.of(second), cids(page));
        assertEquals(3, page.get("total").asInt());
        assertEquals(1, page.get("num_connections").asInt());
        assertEquals(List.of(second), cids(nats.json("/connz?state=closed&cid=" + second)));
        assertEquals(List.of(second), cids(nats.json("/connz?state=all&cid=" + second)));
        assertEquals(List.of(cid(2)), cids(nats.json("/connz?state=all&cid=" + cid(2))), "an open one too");
        assertEquals(List.of(), cids(nats.json("/connz?cid=" + second)), "not open any more");
        assertEquals(4, nats.json("/connz?state=all&sort=uptime").get("total").asInt());
        assertBadRequest("/connz?state=all&sort=stop", "sort by stop only valid on closed connections");
        assertBadRequest("/connz?sort=reason", "sort by reason only valid on closed connections");
    }

    @Test
    void stateIsOpenClosedOrAll() throws Exception {
        assertEquals(3, nats.json("/connz?state=open").get("total").asInt());
        assertEquals(3, nats.json("/connz?state=OPEN").get("total").asInt());
        assertEquals(0, nats.json("/connz?state=closed").get("total").asInt());
        assertEquals(3, nats.json("/connz?state=any").get("total").asInt());
        assertBadRequest("/connz?state=gone", "Error decoding state for gone");
    }

    @Test
    void aClosedClientLeavesTheList() throws Exception {
        long closing = cid(0);
        clients.remove(0).close();
        await(() -> nats.json("/connz").get("total").asInt() == 2, "the client gone");
        assertFalse(cids(nats.json("/connz")).contains(closing));
    }

    private Connection connect(String name) throws Exception {
        Connection client = Nats.connect(Options.builder().server(nats.natsUrl()).connectionName(name).build());
        clients.add(client);
        return client;
    }

    private long cid(int client) {
        return cid(clients.get(client));
    }

    private static long cid(Connection client) {
        return client.getServerInfo().getClientId();
    }

    private static JsonNode connection(JsonNode connz, long cid) {
        for (JsonNode connection : connz.get("connections")) {
            if (connection.get("cid").asLong() == cid) {
                return connection;
            }
        }
        throw new AssertionError("no connection " + cid + " in " + connz);
    }

    private static List<Long> cids(JsonNode connz) {
        List<Long> cids = new ArrayList<>();
        connz.get("connections").forEach(c -> cids.add(c.get("cid").asLong()));
        return cids;
    }

    private static List<String> reasons(JsonNode connz) {
        List<String> reasons = new ArrayList<>();
        connz.get("connections").forEach(c -> reasons.add(c.get("reason").asText()));
        return reasons;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private void assertBadRequest(String pathAndQuery, String message) throws Exception {
        HttpResponse<String> response = nats.get(pathAndQuery);
        assertEquals(400, response.statusCode(), pathAndQuery);
        assertEquals(message, response.body());
    }
}
