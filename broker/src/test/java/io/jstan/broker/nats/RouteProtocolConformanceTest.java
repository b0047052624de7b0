package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.jstan.broker.testing.ReferenceNatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Raw route scripts played against Debian's nats-server and against jstan: a server pretending
 * to be a peer opens the route port, and the bytes each server answers must be the same, once
 * what legitimately differs is set aside (IDs, ports, nonces; the interest each server has for its
 * own internal subjects: nats-server's system account, jstan's in-process inbox; the PING a
 * server sends on its own schedule).
 */
class RouteProtocolConformanceTest {
    private static final String PEER_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"name\":\"NPEERPEERPEER\",\"headers\":true,\"cluster\":\"mesh\",\"lnoc\":true}\r\n";
    private static final String PEER_INFO = "INFO {\"server_id\":\"NPEERPEERPEER\",\"server_name\":\"peer\",\"version\":\"2.9.10\","
            + "\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"max_payload\":1048576,\"cluster\":\"mesh\","
            + "\"lnoc\":true} \r\n";
    private static final String ROUTE_AUTH_CONFIG = "cluster { name: mesh, listen: \"127.0.0.1:-1\", "
            + "authorization { user: ruser, password: rpass } }";

    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();
    private final List<ReferenceNatsServer> natsServers = new ArrayList<>();

    @AfterEach
    void stopNatsServers() {
        natsServers.forEach(ReferenceNatsServer::close);
    }

    /** A server under test: its route port and its client port. */
    private record Ports(int route, int client) {
    }

    private Ports natsServer() throws IOException {
        ReferenceNatsServer server = ReferenceNatsServer.start("--cluster", "nats://127.0.0.1:-1", "--cluster_name", InProcessMesh.CLUSTER);
        natsServers.add(server);
        return new Ports(server.clusterPort(), server.port());
    }

    private Ports natsServerWithRouteAuth() throws IOException {
        ReferenceNatsServer server = ReferenceNatsServer.startWithConfig(ROUTE_AUTH_CONFIG);
        natsServers.add(server);
        return new Ports(server.clusterPort(), server.port());
    }

    private Ports jstan() {
        NatsServer server = mesh.start();
        return new Ports(server.clusterPort(), server.port());
    }

    private Ports jstanWithRouteAuth() {
        NatsServer server = mesh.start(List.of(), options -> options.cluster().user("ruser").password("rpass"));
        return new Ports(server.clusterPort(), server.port());
    }

    private interface Script {
        List<String> play(Ports ports) throws Exception;
    }

    private void assertSameReplies(Script script, Ports reference, Ports jstan) throws Exception {
        assertEquals(String.join("\n", script.play(reference)), String.join("\n", script.play(jstan)));
    }

    @Test
    void handshakeAnswersTheSame() throws Exception {
        assertSameReplies(ports -> {
            try (RawConversation route = RawConversation.open(ports.route())) {
                List<String> replies = new ArrayList<>(List.of(RawConversation.normalise(route.info())));
                replies.addAll(comparable(route.exchange(PEER_CONNECT + PEER_INFO)));
                return replies;
            }
        }, natsServer(), jstan());
    }

    @Test
    void interestAndMessagesCrossTheSame() throws Exception {
        assertSameReplies(ports -> {
            List<String> transcript = new ArrayList<>();
            try (RawConversation route = RawConversation.open(ports.route());
                 RawConversation client = RawConversation.open(ports.client())) {
                route.exchange(PEER_CONNECT + PEER_INFO);
                client.exchange("CONNECT {\"verbose\":false,\"headers\":true,\"protocol\":1}\r\n");
                transcript.add("client subscribes");
                client.exchange("SUB foo 1\r\nSUB bar q1 2\r\nSUB bar q1 3\r\n");
                transcript.addAll(comparable(route.exchange("")));
                transcript.add("a queue member leaves");
                client.exchange("UNSUB 3\r\n");
                transcript.addAll(comparable(route.exchange("")));
                transcript.add("route sends messages");
                route.exchange("RMSG $G foo 5\r\nhello\r\nRMSG $G foo rep 2\r\nhi\r\nHMSG $G foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
                        + "RMSG $G bar + rep q1 2\r\nqq\r\nRMSG $G bar | q1 2\r\nqq\r\nRMSG $G bar 2\r\nno\r\n"
                        + "RMSG $G bar | other 2\r\nno\r\n");
                transcript.addAll(client.exchange(""));
                transcript.add("route subscribes, client publishes");
                route.exchange("RS+ $G baz\r\nRS+ $G qq grp 3\r\nRS+ $G gone\r\nRS- $G gone\r\n");
                client.exchange("PUB baz 3\r\nabc\r\nPUB qq r 3\r\nabc\r\nHPUB baz 12 14\r\nNATS/1.0\r\n\r\nab\r\nPUB gone 1\r\nx\r\n");
                transcript.addAll(comparable(route.exchange("")));
                transcript.add("client unsubscribes");
                client.exchange("UNSUB 2\r\nUNSUB 1\r\n");
                transcript.addAll(comparable(route.exchange("")));
            }
            return transcript;
        }, natsServer(), jstan());
    }

    @Test
    void garbageIsAnUnknownOperation() throws Exception {
        assertSameReplies(untilClosed(PEER_CONNECT + "GARBAGE\r\n"), natsServer(), jstan());
    }

    @Test
    void aClientOnTheRoutePortIsTurnedAway() throws Exception {
        assertSameReplies(untilClosed("CONNECT {\"lang\":\"java\",\"version\":\"2.26.2\",\"verbose\":false}\r\n"),
                natsServer(), jstan());
    }

    @Test
    void anotherClusterIsRejected() throws Exception {
        assertSameReplies(untilClosed(PEER_CONNECT.replace("\"cluster\":\"mesh\"", "\"cluster\":\"other\"")),
                natsServer(), jstan());
    }

    @Test
    void malformedInterestAndMessagesCloseTheRoute() throws Exception {
        for (String bad : List.of("RS+\r\n", "RMSG $G\r\n", "RMSG $G foo bar baz x 2\r\nhi\r\n", "RS+ $G a b 1 2\r\n")) {
            assertSameReplies(untilClosed(PEER_CONNECT + PEER_INFO + bad), natsServer(), jstan());
        }
    }

    @Test
    void wrongRouteCredentialsAreAnAuthorizationViolation() throws Exception {
        for (String connect : List.of(
                PEER_CONNECT.replace("\"tls_required\"", "\"user\":\"ruser\",\"pass\":\"wrong\",\"tls_required\""),
                PEER_CONNECT,
                "RS+ $G foo\r\n",
                "GARBAGE\r\n")) {
            assertSameReplies(untilClosed(connect), natsServerWithRouteAuth(), jstanWithRouteAuth());
        }
    }

    @Test
    void rightRouteCredentialsAreAccepted() throws Exception {
        String withCredentials = PEER_CONNECT.replace("\"tls_required\"", "\"user\":\"ruser\",\"pass\":\"rpass\",\"tls_required\"");
        assertSameReplies(ports -> {
            try (RawConversation route = RawConversation.open(ports.route())) {
                return comparable(route.exchange(withCredentials + PEER_INFO));
            }
        }, natsServerWithRouteAuth(), jstanWithRouteAuth());
    }

    private static Script untilClosed(String sent) {
        return ports -> {
            try (RawConversation route = RawConversation.open(ports.route())) {
                return comparable(route.exchangeUntilClosed(sent));
            }
        };
    }

    /** Without what only one of the servers sends on its own: interest in its internal subjects, and its own PINGs. */
    static List<String> comparable(List<String> replies) {
        Function<String, Boolean> internal = line -> line.startsWith("RS+ $SYS ") || line.startsWith("RS- $SYS ")
                || line.startsWith("RS+ $G _INBOX.") || line.equals("PING\r\n");
        return replies.stream().filter(line -> !internal.apply(line)).toList();
    }
}
