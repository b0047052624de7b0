package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client with three subscriptions: "prices" (2 messages received), "prices.*", and "jobs" in queue
 * "workers" ending after 5; besides those the server's own (its in-process bus's).
 */
class SubszEndpointTest {
    private MonitoredNatsServer nats;
    private Connection client;
    private int subscriptions;

    @BeforeEach
    void subscribe() throws Exception {
        nats = MonitoredNatsServer.start();
        subscriptions = nats.server().router().count() + 3;
        client = Nats.connect(nats.natsUrl());
        Subscription prices = client.subscribe("prices");
        client.subscribe("prices.*");
        client.subscribe("jobs", "workers").unsubscribe(5);
        client.flush(Duration.ofSeconds(5));
        client.publish("prices", new byte[1]);
        client.publish("prices", new byte[1]);
        assertNotNull(prices.nextMessage(Duration.ofSeconds(5)));
        assertNotNull(prices.nextMessage(Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        nats.close();
    }

    @Test
    void answersTheBareStatisticsWithoutAList() throws Exception {
        for (String path : new String[]{"/subsz", "/subscriptionsz", "/subsz?subs=1&test=nothing.here"}) {
            JsonNode subsz = nats.json(path);
            assertEquals(List.of("num_subscriptions", "num_cache", "num_inserts", "num_removes", "num_matches",
                    "cache_hit_rate", "max_fanout", "avg_fanout"), fieldNames(subsz), path + ", as nats-server");
            assertEquals(subscriptions, subsz.get("num_subscriptions").asInt());
        }
    }

    @Test
    void countsAsNatsServersSublistDoes() throws Exception {
        JsonNode subsz = nats.json("/subsz");
        assertEquals(subscriptions, subsz.get("num_inserts").asInt(), "one insert per subscription made");
        assertEquals(0, subsz.get("num_removes").asInt());
        assertEquals(1, subsz.get("num_matches").asInt(), "prices looked up once: the publisher's own cache had it the second time");
        assertEquals(0, subsz.get("cache_hit_rate").asDouble());
        assertEquals(1, subsz.get("num_cache").asInt());
        assertEquals(1, subsz.get("max_fanout").asInt());
        assertEquals(1, subsz.get("avg_fanout").asDouble());

        Connection other = Nats.connect(nats.natsUrl());
        other.publish("prices", new byte[1]);
        other.publish("prices.eur", new byte[1]);
        other.publish("jobs", new byte[1]);
        other.flush(Duration.ofSeconds(5));
        subsz = nats.json("/subsz");
        assertEquals(4, subsz.get("num_matches").asInt(), "another publisher looks prices up in the router");
        assertEquals(0.25, subsz.get("cache_hit_rate").asDouble(), 1e-9, "and the router's cache has it");
        assertEquals(3, subsz.get("num_cache").asInt());
        assertEquals(1, subsz.get("max_fanout").asInt(), "a queue group counts once");

        Subscription more = other.subscribe("prices");
        other.flush(Duration.ofSeconds(5));
        subsz = nats.json("/subsz");
        assertEquals(subscriptions + 1, subsz.get("num_inserts").asInt());
        assertEquals(3, subsz.get("num_cache").asInt(), "a new subscription joins the results cached");
        assertEquals(2, subsz.get("max_fanout").asInt());
        assertEquals(4 / 3.0, subsz.get("avg_fanout").asDouble(), 1e-9);

        more.unsubscribe();
        other.flush(Duration.ofSeconds(5));
        subsz = nats.json("/subsz");
        assertEquals(1, subsz.get("num_removes").asInt());
        assertEquals(2, subsz.get("num_cache").asInt(), "a removed subscription drops the results it was in");
        other.close();
    }

    @Test
    void subsListsTheSubscriptions() throws Exception {
        JsonNode subsz = nats.json("/subsz?subs=1");
        assertEquals(subscriptions, subsz.get("total").asInt());
        assertEquals(0, subsz.get("offset").asInt());
        assertEquals(1024, subsz.get("limit").asInt());
        JsonNode prices = subscription(subsz, "prices");
        assertEquals(2, prices.get("msgs").asInt());
        assertFalse(prices.has("qgroup"));
        assertFalse(prices.has("max"), "no UNSUB limit is left out, as Go's omitempty");
        assertFalse(prices.get("sid").asText().isEmpty());
        JsonNode jobs = subscription(subsz, "jobs");
        assertEquals("workers", jobs.get("qgroup").asText());
        assertEquals(5, jobs.get("max").asInt());
        assertEquals(0, jobs.get("msgs").asInt());
        assertNotNull(subscription(subsz, "prices.*"));
    }

    @Test
    void testKeepsTheSubscriptionsAMessageOnThatSubjectWouldReach() throws Exception {
        assertEquals(List.of("prices"), subjects(nats.json("/subsz?subs=1&test=prices")));
        assertEquals(List.of("prices.*"), subjects(nats.json("/subsz?subs=1&test=prices.eur")));
        assertEquals(List.of(), subjects(nats.json("/subsz?subs=1&test=other")));
        assertBadRequest("/subsz?subs=1&test=prices.*", "invalid test subject, must be valid publish subject: prices.*");
    }

    @Test
    void limitAndOffsetPageTheList() throws Exception {
        JsonNode all = nats.json("/subsz?subs=1");
        JsonNode page = nats.json("/subsz?subs=1&limit=1&offset=1");
        assertEquals(1, page.get("total").asInt(), "as nats-server: total is the length of the page");
        assertEquals(1, page.get("offset").asInt());
        assertEquals(1, page.get("limit").asInt());
        assertEquals(subjects(all).subList(1, 2), subjects(page));
        assertEquals(1, nats.json("/subsz?subs=1&offset=" + (subscriptions - 1)).get("total").asInt());
        assertBadRequest("/subsz?subs=yes", "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"yes\": invalid syntax");
        assertBadRequest("/subsz?limit=1.5", "Error decoding int for 'limit': strconv.Atoi: parsing \"1.5\": invalid syntax");
    }

    @Test
    void followsSubscriptionsComingAndGoing() throws Exception {
        Connection other = Nats.connect(nats.natsUrl());
        other.subscribe("more");
        other.flush(Duration.ofSeconds(5));
        assertEquals(subscriptions + 1, nats.json("/subsz").get("num_subscriptions").asInt());
        other.close();
        await(() -> nats.json("/subsz").get("num_subscriptions").asInt() == subscriptions, "the subscription of a closed client removed");
    }

    private static JsonNode subscription(JsonNode subsz, String subject) {
        for (JsonNode subscription : subsz.get("subscriptions_list")) {
            if (subscription.get("subject").asText().equals(subject)) {
                return subscription;
            }
        }
        throw new AssertionError("no subscription to " + subject + " in " + subsz);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> subjects(JsonNode subsz) {
        List<String> subjects = new ArrayList<>();
        subsz.path("subscriptions_list").forEach(s -> subjects.add(s.get("subject").asText()));
        return subjects;
    }

    private void assertBadRequest(String pathAndQuery, String message) throws Exception {
        HttpResponse<String> response = nats.get(pathAndQuery);
        assertEquals(400, response.statusCode(), pathAndQuery);
        assertEquals(message, response.body());
    }
}
