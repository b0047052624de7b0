package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON documents carry every key the real nats-server's do, but for the features jstan does not have. */
class NatsServerCompatibilityTest {
    /** Go's version, and the blocks of clustering, gateways, leaf nodes, MQTT, websocket, JetStream and accounts. */
    private static final Set<String> VARZ_KEYS_OF_ABSENT_FEATURES =
            Set.of("go", "cluster", "gateway", "leaf", "mqtt", "websocket", "jetstream", "system_account");
    /** jstan has no accounts, and the server does not tell which connection owns a subscription. */
    private static final Set<String> SUB_DETAIL_KEYS_NOT_KNOWN = Set.of("account", "cid");
    private static final Pattern MONITOR_PORT = Pattern.compile("Starting http monitor on [^\\s]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private ReferenceNatsServer reference;
    private int referenceMonitorPort;
    private MonitoredNatsServer jstan;
    private Connection referenceClient;
    private Connection jstanClient;

    @BeforeEach
    void startBothWithOneSubscribedClient() throws Exception {
        reference = ReferenceNatsServer.start("-m", "-1");
        Matcher port = MONITOR_PORT.matcher(reference.log());
        assertTrue(port.find(), reference.log());
        referenceMonitorPort = Integer.parseInt(port.group(1));
        jstan = MonitoredNatsServer.start();
        referenceClient = connectAndSubscribe(reference.url());
        jstanClient = connectAndSubscribe(jstan.natsUrl());
    }

    @AfterEach
    void stop() throws Exception {
        jstanClient.close();
        referenceClient.close();
        jstan.close();
        reference.close();
    }

    @Test
    void varzHasTheKeysOfNatsServer() throws Exception {
        Set<String> expected = keys(referenceJson("/varz"));
        expected.removeAll(VARZ_KEYS_OF_ABSENT_FEATURES);
        assertContainsAll(expected, keys(jstan.json("/varz")), "/varz");
    }

    @Test
    void connzHasTheKeysOfNatsServer() throws Exception {
        JsonNode referenceConnz = referenceJson("/connz?subs=1");
        JsonNode jstanConnz = jstan.json("/connz?subs=1");
        assertContainsAll(keys(referenceConnz), keys(jstanConnz), "/connz");
        assertContainsAll(keys(referenceConnz.get("connections").get(0)), keys(jstanConnz.get("connections").get(0)),
                "/connz connections[0]");
    }

    @Test
    void subszHasTheKeysOfNatsServer() throws Exception {
        assertContainsAll(keys(referenceJson("/subsz")), keys(jstan.json("/subsz")), "/subsz");
        JsonNode referenceList = referenceJson("/subsz?subs=1&test=greetings");
        JsonNode jstanList = jstan.json("/subsz?subs=1&test=greetings");
        assertContainsAll(keys(referenceList), keys(jstanList), "/subsz?subs=1");
        Set<String> detail = keys(referenceList.get("subscriptions_list").get(0));
        detail.removeAll(SUB_DETAIL_KEYS_NOT_KNOWN);
        assertContainsAll(detail, keys(jstanList.get("subscriptions_list").get(0)), "/subsz subscriptions_list[0]");
    }

    @Test
    void healthzIsTheSame() throws Exception {
        assertEquals(referenceJson("/healthz"), jstan.json("/healthz"));
    }

    private static Connection connectAndSubscribe(String url) throws Exception {
        Connection client = Nats.connect(Options.builder().server(url).connectionName("compared").build());
        client.subscribe("greetings");
        client.flush(Duration.ofSeconds(5));
        return client;
    }

    private JsonNode referenceJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + referenceMonitorPort + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertContainsAll(Set<String> expected, Set<String> actual, String document) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        assertTrue(missing.isEmpty(), document + " lacks " + missing + " (has " + actual + ")");
    }
}
