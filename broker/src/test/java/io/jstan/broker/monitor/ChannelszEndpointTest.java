package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.streaming.SubscriptionView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.jstan.broker.monitor.MonitoredStreaming.ACK_WAIT_SECONDS;
import static io.jstan.broker.monitor.MonitoredStreaming.ALPHA;
import static io.jstan.broker.monitor.MonitoredStreaming.DURABLE;
import static io.jstan.broker.monitor.MonitoredStreaming.ORDERS;
import static io.jstan.broker.monitor.MonitoredStreaming.PRICES;
import static io.jstan.broker.monitor.MonitoredStreaming.QUEUE;
import static io.jstan.broker.monitor.MonitoredStreaming.QUEUE_MAX_IN_FLIGHT;
import static io.jstan.broker.monitor.ServerzEndpointTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelszEndpointTest {
    /** java-nats-streaming's defaults. */
    private static final int DEFAULT_MAX_IN_FLIGHT = 1024;
    private static final int DEFAULT_ACK_WAIT_SECONDS = 30;

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
    void listsTheChannelNamesSorted() throws Exception {
        JsonNode channelsz = monitored.nats().json("/streaming/channelsz");
        assertEquals(List.of("cluster_id", "server_id", "now", "offset", "limit", "count", "total", "names"),
                fieldNames(channelsz));
        assertEquals("test-cluster", channelsz.get("cluster_id").asText());
        assertEquals(monitored.streaming().serverId(), channelsz.get("server_id").asText());
        assertEquals(0, channelsz.get("offset").asInt());
        assertEquals(1024, channelsz.get("limit").asInt());
        assertEquals(2, channelsz.get("count").asInt());
        assertEquals(2, channelsz.get("total").asInt());
        assertEquals(List.of(ORDERS, PRICES), texts(channelsz.get("names")));
    }

    @Test
    void subsDescribesEachChannelWithItsSubscriptions() throws Exception {
        JsonNode channelsz = monitored.nats().json("/streaming/channelsz?subs=1");
        assertEquals(List.of("cluster_id", "server_id", "now", "offset", "limit", "count", "total", "channels"),
                fieldNames(channelsz));
        JsonNode orders = channelsz.get("channels").get(0);
        assertEquals(List.of("name", "msgs", "bytes", "first_seq", "last_seq", "subs_count", "subscriptions"),
                fieldNames(orders));
        assertEquals(ORDERS, orders.get("name").asText());
        assertEquals(3, orders.get("msgs").asLong());
        assertEquals(monitored.channel(ORDERS).bytes(), orders.get("bytes").asLong());
        assertEquals(1, orders.get("first_seq").asLong());
        assertEquals(3, orders.get("last_seq").asLong());
        assertEquals(1, orders.get("subs_count").asInt());

        SubscriptionView durableView = monitored.channel(ORDERS).subscriptions().get(0);
        JsonNode durable = orders.get("subscriptions").get(0);
        assertEquals(List.of("client_id", "inbox", "ack_inbox", "durable_name", "is_durable", "is_offline",
                "max_inflight", "ack_wait", "last_sent", "pending_count", "is_stalled"), fieldNames(durable),
                "no queue_name: empty, so left out as Go's omitempty");
        assertEquals(ALPHA, durable.get("client_id").asText());
        assertEquals(durableView.inbox(), durable.get("inbox").asText());
        assertEquals(durableView.ackInbox(), durable.get("ack_inbox").asText());
        assertEquals(DURABLE, durable.get("durable_name").asText());
        assertTrue(durable.get("is_durable").asBoolean());
        assertFalse(durable.get("is_offline").asBoolean());
        assertEquals(DEFAULT_MAX_IN_FLIGHT, durable.get("max_inflight").asInt());
        assertEquals(DEFAULT_ACK_WAIT_SECONDS, durable.get("ack_wait").asInt());
        assertEquals(3, durable.get("last_sent").asLong());
        assertEquals(0, durable.get("pending_count").asInt());
        assertFalse(durable.get("is_stalled").asBoolean());

        JsonNode prices = channelsz.get("channels").get(1);
        assertEquals(PRICES, prices.get("name").asText());
        assertEquals(2, prices.get("msgs").asLong());
        assertEquals(1, prices.get("first_seq").asLong());
        assertEquals(2, prices.get("last_seq").asLong());
        JsonNode member = prices.get("subscriptions").get(0);
        assertEquals(List.of("client_id", "inbox", "ack_inbox", "queue_name", "is_durable", "is_offline",
                "max_inflight", "ack_wait", "last_sent", "pending_count", "is_stalled"), fieldNames(member));
        assertEquals(QUEUE, member.get("queue_name").asText());
        assertFalse(member.get("is_durable").asBoolean());
        assertEquals(QUEUE_MAX_IN_FLIGHT, member.get("max_inflight").asInt());
        assertEquals(ACK_WAIT_SECONDS, member.get("ack_wait").asInt());
        assertEquals(2, member.get("last_sent").asLong());
        assertEquals(2, member.get("pending_count").asInt());
        assertTrue(member.get("is_stalled").asBoolean(), "as many pending as max in flight");
    }

    @Test
    void offsetAndLimitPageTheList() throws Exception {
        JsonNode page = monitored.nats().json("/streaming/channelsz?offset=1&limit=1");
        assertEquals(1, page.get("offset").asInt());
        assertEquals(1, page.get("limit").asInt());
        assertEquals(1, page.get("count").asInt());
        assertEquals(2, page.get("total").asInt());
        assertEquals(List.of(PRICES), texts(page.get("names")));

        JsonNode described = monitored.nats().json("/streaming/channelsz?subs=1&limit=1");
        assertEquals(1, described.get("channels").size());
        assertEquals(ORDERS, described.get("channels").get(0).get("name").asText());

        JsonNode pastTheEnd = monitored.nats().json("/streaming/channelsz?offset=2");
        assertEquals(0, pastTheEnd.get("count").asInt());
        assertFalse(pastTheEnd.has("names"), "an empty list is left out, as Go's omitempty");
    }

    @Test
    void channelAnswersThatChannelAlone() throws Exception {
        JsonNode prices = monitored.nats().json("/streaming/channelsz?channel=" + PRICES);
        assertEquals(List.of("name", "msgs", "bytes", "first_seq", "last_seq", "subs_count"), fieldNames(prices));
        assertEquals(PRICES, prices.get("name").asText());
        assertEquals(2, prices.get("msgs").asLong());
        assertEquals(1, prices.get("subs_count").asInt());

        JsonNode withSubscriptions = monitored.nats().json("/streaming/channelsz?channel=" + PRICES + "&subs=1");
        assertEquals(QUEUE, withSubscriptions.get("subscriptions").get(0).get("queue_name").asText());
    }

    @Test
    void anUnknownChannelIs404() throws Exception {
        HttpResponse<String> response = monitored.nats().get("/streaming/channelsz?channel=nowhere");
        assertEquals(404, response.statusCode());
        assertEquals("Channel nowhere not found\n", response.body());
    }

    @Test
    void anOfflineDurableIsListedWithTheClientThatHadIt() throws Exception {
        monitored.takeDurableOffline();
        JsonNode orders = monitored.nats().json("/streaming/channelsz?channel=" + ORDERS + "&subs=1");
        assertEquals(1, orders.get("subs_count").asInt());
        JsonNode durable = orders.get("subscriptions").get(0);
        assertTrue(durable.get("is_offline").asBoolean());
        assertEquals(ALPHA, durable.get("client_id").asText());
        assertEquals(DURABLE, durable.get("durable_name").asText());
        assertEquals(1, monitored.nats().json("/streaming/clientsz?client=" + ALPHA).get("subs_count").asInt(),
                "the client has only its queue member left");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
