package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.testing.RawConversation;
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

import static io.jstan.broker.testing.ClientWaits.await;
import io.jstan.broker.testing.ClientWaits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same clients, well and badly behaved, against jstan and the real nats-server 2.9.10: both keep
 * every closed connection in /connz?state=closed, with the same reason and the same keys.
 */
class ClosedConnectionsComparisonTest {
    private static final int MAX_CONNECTIONS = 3;
    private static final Pattern MONITOR_PORT = Pattern.compile("Starting http monitor on [^\\s]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What each raw client sends, and the reason nats-server closes it for. */
    private static final List<Misbehaviour> MISBEHAVIOURS = List.of(
            new Misbehaviour("NOT-AN-OPERATION\r\n", "Protocol Violation"),
            new Misbehaviour("CONNECT {not json\r\n", "Protocol Violation"),
            new Misbehaviour("PUB big 2000000\r\n", "Maximum Message Payload Exceeded"),
            new Misbehaviour("SUB " + "s".repeat(5000) + " 1\r\n", "Maximum Control Line Exceeded"),
            new Misbehaviour("CONNECT {\"verbose\":false,\"protocol\":5}\r\n", "Bad Client Protocol Version"),
            new Misbehaviour("CONNECT {\"verbose\":false,\"no_responders\":true}\r\n", "No Responders Requires Headers"));

    private final HttpClient http = HttpClient.newHttpClient();
    private ReferenceNatsServer reference;
    private MonitoredNatsServer jstan;

    @BeforeEach
    void start() throws Exception {
        reference = ReferenceNatsServer.startWithConfig("max_connections: " + MAX_CONNECTIONS, "-m", "-1");
        jstan = MonitoredNatsServer.start(MonitoredNatsServer.localOptions().maxConnections(MAX_CONNECTIONS),
                NatsServerOptions.RANDOM_PORT, 0, HttpClient.newBuilder());
    }

    @AfterEach
    void stop() {
        jstan.close();
        reference.close();
    }

    @Test
    void everyClosedConnectionIsKeptWithNatsServersReason() throws Exception {
        Monitor referenceMonitor = new Monitor(reference.port(), referenceMonitorPort());
        Monitor jstanMonitor = new Monitor(jstan.server().port(), jstan.monitoring().httpPort());
        List<JsonNode> referenceClosed = closeConnectionsOf(referenceMonitor);
        List<JsonNode> jstanClosed = closeConnectionsOf(jstanMonitor);

        List<String> expected = new ArrayList<>(List.of("Client Closed"));
        MISBEHAVIOURS.forEach(m -> expected.add(m.reason()));
        // By cid: the clients that filled the server came before the one refused, though they closed after it.
        expected.addAll(List.of("Client Closed", "Client Closed", "Client Closed", "Maximum Connections Exceeded"));
        assertEquals(expected, reasons(referenceClosed), "what nats-server does");
        assertEquals(expected, reasons(jstanClosed));

        JsonNode referenceOrderly = referenceClosed.get(0);
        JsonNode jstanOrderly = jstanClosed.get(0);
        Set<String> expectedKeys = keys(referenceOrderly);
        Set<String> missing = new TreeSet<>(expectedKeys);
        missing.removeAll(keys(jstanOrderly));
        assertTrue(missing.isEmpty(), "a closed connection lacks " + missing);
        for (String field : new String[]{"name", "subscriptions", "in_msgs", "in_bytes", "out_msgs", "out_bytes"}) {
            assertEquals(referenceOrderly.get(field), jstanOrderly.get(field), field);
        }
        assertEquals(referenceOrderly.get("subscriptions_list"), jstanOrderly.get("subscriptions_list"));
    }

    /** One orderly client, then each misbehaving one, then one too many; all closed in the end, by cid. */
    private List<JsonNode> closeConnectionsOf(Monitor server) throws Exception {
        Connection orderly = Nats.connect(Options.builder().server(server.natsUrl()).connectionName("orderly").build());
        server.countFrom(orderly.getServerInfo().getClientId());
        orderly.subscribe("orders");
        orderly.publish("orders", new byte[5]);
        orderly.flush(Duration.ofSeconds(5));
        orderly.close();
        server.awaitClosed(1);
        for (Misbehaviour misbehaviour : MISBEHAVIOURS) {
            try (RawConversation raw = RawConversation.open(server.natsPort())) {
                raw.exchangeUntilClosed(misbehaviour.sent());
            }
        }
        server.awaitClosed(1 + MISBEHAVIOURS.size());
        List<Connection> full = new ArrayList<>();
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            full.add(Nats.connect(Options.builder().server(server.natsUrl()).noReconnect().build()));
        }
        try (RawConversation oneTooMany = RawConversation.open(server.natsPort())) {
            oneTooMany.exchangeUntilClosed("");
        }
        server.awaitClosed(2 + MISBEHAVIOURS.size());
        for (Connection client : full) {
            client.close();
            server.awaitClosed(2 + MISBEHAVIOURS.size() + full.indexOf(client) + 1);
        }
        return server.closedSinceStart();
    }

    private int referenceMonitorPort() {
        Matcher port = MONITOR_PORT.matcher(reference.log());
        assertTrue(port.find(), reference.log());
        return Integer.parseInt(port.group(1));
    }

    private static List<String> reasons(List<JsonNode> connections) {
        return connections.stream().map(c -> c.get("reason").asText()).toList();
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private record Misbehaviour(String sent, String reason) {
    }

    private final class Monitor {
        private final int natsPort;
        private final int httpPort;
        /** The first connection of the test: nats-server's start was probed with connections before. */
        private long firstCid;

        Monitor(int natsPort, int httpPort) {
            this.natsPort = natsPort;
            this.httpPort = httpPort;
        }

        void countFrom(long cid) {
            firstCid = cid;
        }

        int natsPort() {
            return natsPort;
        }

        String natsUrl() {
            return "nats://127.0.0.1:" + natsPort;
        }

        JsonNode json(String pathAndQuery) throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        }

        /** The connections of the test, closed, by cid. */
        List<JsonNode> closedSinceStart() throws Exception {
            List<JsonNode> closed = new ArrayList<>();
            json("/connz?state=closed&subs=1").get("connections").forEach(c -> {
                if (c.get("cid").asLong() >= firstCid) {
                    closed.add(c);
                }
            });
            return closed;
        }

        /** nats-server keeps a closed connection a moment after the client sees it closed. */
        void awaitClosed(int count) {
            await(ClientWaits.WAIT, () -> closedSinceStart().size() == count,
                    () -> count + " connections closed: " + closedNow());
        }

        private String closedNow() {
            try {
                return json("/connz?state=all").toString();
            } catch (Exception e) {
                return e.toString();
            }
        }
    }
}
