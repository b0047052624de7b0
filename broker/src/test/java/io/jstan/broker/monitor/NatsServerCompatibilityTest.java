package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON documents carry every key the real nats-server's do. The two servers are routed to each
 * other, so that /routez and the cluster block of /varz have something to show. nats-server runs
 * without a system account (no_sys_acc), as jstan has none.
 */
class NatsServerCompatibilityTest {
    /** Go's version. */
    private static final Set<String> VARZ_KEYS_NOT_KNOWN = Set.of("go");
    /** The /varz blocks of the features jstan does not have, which nats-server writes as {} when they are off. */
    private static final List<String> VARZ_BLOCKS_OF_ABSENT_FEATURES = List.of("gateway", "leaf", "mqtt", "websocket", "jetstream");
    /** nats-server's endpoints, each counted in /varz's http_req_stats under its own path. */
    private static final List<String> NATS_SERVER_PATHS = List.of("/", "/varz", "/connz", "/routez", "/gatewayz",
            "/leafz", "/subsz", "/subscriptionsz", "/accountz", "/accstatz", "/jsz", "/healthz");
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
        reference = ReferenceNatsServer.startWithConfig("no_sys_acc: true",
                "-m", "-1", "--cluster", "nats://127.0.0.1:-1", "--cluster_name", "compared");
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
        expected.removeAll(VARZ_KEYS_NOT_KNOWN);
        assertContainsAll(expected, keys(jstan.json("/varz")), "/varz");
    }

    @Test
    void varzBlocksOfFeaturesJstanLacksAreThoseOfNatsServerWithTheFeaturesOff() throws Exception {
        JsonNode referenceVarz = referenceJson("/varz");
        JsonNode jstanVarz = jstan.json("/varz");
        for (String block : VARZ_BLOCKS_OF_ABSENT_FEATURES) {
            assertEquals(referenceVarz.get(block), jstanVarz.get(block), block);
        }
        List<String> referenceOrder = fieldNames(referenceVarz);
        List<String> jstanOrder = fieldNames(jstanVarz);
        assertEquals(referenceOrder.subList(referenceOrder.indexOf("cluster"), referenceOrder.indexOf("tls_timeout")),
                jstanOrder.subList(jstanOrder.indexOf("cluster"), jstanOrder.indexOf("tls_timeout")), "in nats-server's order");
        assertEquals(referenceVarz.has("system_account"), jstanVarz.has("system_account"));
    }

    @Test
    void httpReqStatsCountsNatsServersEndpointsAsNatsServerDoes() throws Exception {
        for (String path : NATS_SERVER_PATHS) {
            referenceGet(path);
            jstan.get(path);
        }
        JsonNode referenceStats = referenceJson("/varz").get("http_req_stats");
        JsonNode jstanStats = jstan.json("/varz").get("http_req_stats");
        assertEquals(keys(referenceStats), keys(jstanStats));
        assertEquals(2, jstanStats.get("/subsz").asInt(), "/subscriptionsz is counted as /subsz");
        assertEquals(referenceStats.get("/subsz"), jstanStats.get("/subsz"));
    }

    @Test
    void endpointsOfFeaturesJstanLacksAnswerWithNatsServersShapes() throws Exception {
        for (String pathAndQuery : new String[]{"/accountz", "/accountz?acc=$G", "/accstatz", "/accstatz?unused=1",
                "/jsz", "/jsz?accounts=1&streams=true&consumers=1&config=1", "/leafz", "/leafz?subs=1", "/gatewayz",
                "/gatewayz?accs=1"}) {
            JsonNode referenceDocument = referenceJson(pathAndQuery);
            JsonNode jstanDocument = jstan.json(pathAndQuery);
            assertEquals(shape(referenceDocument), shape(jstanDocument), pathAndQuery);
        }
        for (String pathAndQuery : new String[]{"/jsz", "/leafz", "/gatewayz"}) {
            assertEquals(withoutIdAndTime(referenceJson(pathAndQuery)), withoutIdAndTime(jstan.json(pathAndQuery)),
                    pathAndQuery);
        }
        assertEquals(referenceJson("/accountz").get("accounts"), jstan.json("/accountz").get("accounts"));
        JsonNode referenceGlobal = referenceJson("/accountz?acc=$G").get("account_detail");
        JsonNode jstanGlobal = jstan.json("/accountz?acc=$G").get("account_detail");
        for (String field : new String[]{"account_name", "expired", "complete", "jetstream_enabled",
                "leafnode_connections", "client_connections"}) {
            assertEquals(referenceGlobal.get(field), jstanGlobal.get(field), field);
        }
        JsonNode jstanStat = jstan.json("/accstatz").get("account_statz").get(0);
        assertEquals(referenceJson("/accstatz").get("account_statz").get(0).get("conns"), jstanStat.get("conns"));
    }

    @Test
    void badQueriesOfThoseEndpointsAreRefusedWithNatsServersWords() throws Exception {
        for (String pathAndQuery : new String[]{"/accountz?acc=nobody", "/jsz?leader-only=true", "/jsz?accounts=x",
                "/jsz?limit=many", "/leafz?subs=x", "/gatewayz?accs=x", "/accstatz?unused=x", "/connz?subs=x",
                "/connz?offset=x", "/connz?cid=-1", "/subsz?limit=1.5"}) {
            HttpResponse<String> referenceResponse = referenceGet(pathAndQuery);
            HttpResponse<String> jstanResponse = jstan.get(pathAndQuery);
            assertEquals(400, referenceResponse.statusCode(), pathAndQuery);
            assertEquals(400, jstanResponse.statusCode(), pathAndQuery);
            assertEquals(referenceResponse.body(), jstanResponse.body(), pathAndQuery);
        }
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
        ClientWaits.await(() -> listsGreetings(referenceJson("/routez?subs=1")), "nats-server knows the jstan client's interest");
        ClientWaits.await(() -> listsGreetings(jstan.json("/routez?subs=1")), "jstan knows the nats-server client's interest");
    }

    /** Interest crosses the route after the client's flush returned, so it is waited for. */
    private static boolean listsGreetings(JsonNode routez) {
        return routez.get("routes").get(0).get("subscriptions_list").toString().contains("greetings");
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
        assertEquals(keys(referenceJson("/subsz")), keys(jstan.json("/subsz")), "/subsz: the bare statistics");
        assertEquals(keys(referenceJson("/subsz?subs=1&test=nothing.here")), keys(jstan.json("/subsz?subs=1&test=nothing.here")),
                "/subsz with an empty list: the bare statistics");
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
        HttpResponse<String> response = referenceGet(pathAndQuery);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> referenceGet(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + referenceMonitorPort + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The document with its values replaced by their JSON types: what a parser of it relies on. */
    private static JsonNode shape(JsonNode document) {
        if (document.isObject()) {
            ObjectNode shape = JSON.createObjectNode();
            document.fields().forEachRemaining(field -> shape.set(field.getKey(), shape(field.getValue())));
            return shape;
        }
        if (document.isArray()) {
            ArrayNode shape = JSON.createArrayNode();
            document.forEach(element -> shape.add(shape(element)));
            return shape;
        }
        return JSON.getNodeFactory().textNode(document.getNodeType().name());
    }

    private static JsonNode withoutIdAndTime(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove(List.of("server_id", "now"));
        return copy;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
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
