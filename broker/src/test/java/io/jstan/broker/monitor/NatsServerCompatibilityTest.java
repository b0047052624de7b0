package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.ClientWaits;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON documents carry every key the real nats-server's do, but for the features jstan does
 * not have. The two servers are routed to each other, so that /routez and the cluster block of
 * /varz have something to show.
 */
class NatsServerCompatibilityTest {
    /** Go's version, and the blocks of gateways, leaf nodes, MQTT, websocket, JetStream and accounts. */
    private static final Set<String> VARZ_KEYS_OF_ABSENT_FEATURES =
            Set.of("go", "gateway", "leaf", "mqtt", "websocket", "jetstream", "system_account");
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
        reference = ReferenceNatsServer.start("-m", "-1", "--cluster", "nats://127.0.0.1:-1", "--cluster_name", "compared");
        Matcher port = MONITOR_PORT.matcher(reference.log());
        assertTrue(port.find(), reference.log());
        referenceMonitorPort = Integer.parseInt(port.group(1));
        NatsServerOptions options = MonitoredNatsServer.localOptions();
        options.cluster().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT).name("compared")
                .routes(List.of(URI.create(reference.routeUrl())));
        jstan = MonitoredNatsServer.start(options, NatsServerOptions.RANDOM_PORT, 0, HttpClient.newBuilder());
        ClientWaits.await(() -> jstan.server().routeCount() == 1
                && referenceJson("/routez").get("num_routes").asInt() == 1, "the two servers are routed");
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
    void varzClusterBlockHasTheKeysOfNatsServer() throws Exception {
        JsonNode referenceCluster = referenceJson("/varz").get("cluster");
        JsonNode jstanCluster = jstan.json("/varz").get("cluster");
        assertContainsAll(keys(referenceCluster), keys(jstanCluster), "/varz cluster");
        assertEquals("compared", jstanCluster.get("name").asText());
        assertEquals(jstan.server().clusterPort(), jstanCluster.get("cluster_port").asInt());
        assertEquals(1, jstan.json("/varz").get("routes").asInt());
    }

    @Test
    void routezHasTheKeysOfNatsServer() throws Exception {
        JsonNode referenceRoutez = referenceJson("/routez?subs=1");
        JsonNode jstanRoutez = jstan.json("/routez?subs=1");
        assertContainsAll(keys(referenceRoutez), keys(jstanRoutez), "/routez");
        JsonNode jstanRoute = jstanRoutez.get("routes").get(0);
        assertContainsAll(keys(referenceRoutez.get("routes").get(0)), keys(jstanRoute), "/routez routes[0]");
        assertEquals(referenceJson("/varz").get("server_id").asText(), jstanRoute.get("remote_id").asText());
        assertTrue(jstanRoute.get("did_solicit").asBoolean() && jstanRoute.get("is_configured").asBoolean());
        assertTrue(referenceRoutez.get("routes").get(0).get("subscriptions_list").toString().contains("greetings"),
                "nats-server knows the jstan client's interest");
        assertTrue(jstanRoute.get("subscriptions_list").toString().contains("greetings"),
                "jstan knows the nats-server client's interest");
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
