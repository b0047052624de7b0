package io.jstan.broker.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.testing.RawConversation;
import io.jstan.broker.testing.ReferenceNatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * nats-server 2.9's rule for cluster names that were not configured, played with raw route
 * scripts against Debian's nats-server and against jstan, both started without a name: a peer
 * pretends to be another server, and what each server answers, the name it ends with (as its
 * clients are told) and what its route INFO and CONNECT say must be the same. The name a server
 * made up, different in every run, is written {@code <made-up>}.
 */
class ClusterNameConformanceTest {
    /** Names that sort after and before any a server makes up (NUIDs are letters and digits). */
    private static final String HIGHER = "~higher";
    private static final String LOWER = "!lower";
    private static final String CONFIGURED = "!configured";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Starts the server under test without a cluster name, dialling {@code routes}. */
    private interface Server {
        Ports start(List<URI> routes) throws IOException;
    }

    /** Plays against a server it starts, writing down what it sees. */
    private interface Script {
        void play(Server server, Transcript transcript) throws Exception;
    }

    /** What a script saw; the name the server made up is written {@code <made-up>}. */
    private static final class Transcript {
        private final List<String> lines = new ArrayList<>();
        private String madeUp;

        /** Notes the server's made-up name from the first line of a route (its INFO or CONNECT), and returns it. */
        String madeUpIn(String firstLine) throws IOException {
            madeUp = field(firstLine, "cluster");
            return madeUp;
        }

        void add(String line) {
            lines.add(line);
        }

        void addAll(List<String> replies) {
            lines.addAll(replies);
        }

        @Override
        public String toString() {
            return String.join("\n", lines).replace(madeUp, "<made-up>");
        }
    }

    private Ports natsServer(List<URI> routes) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cluster", "nats://127.0.0.1:-1"));
        routes.forEach(route -> args.addAll(List.of("--routes", route.toString())));
        ReferenceNatsServer server = ReferenceNatsServer.start(args.toArray(String[]::new));
        natsServers.add(server);
        return new Ports(server.clusterPort(), server.port());
    }

    private Ports jstan(List<URI> routes) {
        NatsServer server = mesh.start(routes, options -> options.cluster().name(null));
        return new Ports(server.clusterPort(), server.port());
    }

    private void assertSameTranscripts(Script script) throws Exception {
        assertEquals(transcript(script, this::natsServer), transcript(script, this::jstan));
    }

    private static String transcript(Script script, Server server) throws Exception {
        Transcript transcript = new Transcript();
        script.play(server, transcript);
        return transcript.toString();
    }

    @Test
    void aPeerWhoseMadeUpNameSortsHigherIsJoinedUnderItsName() throws Exception {
        assertSameTranscripts((server, transcript) -> {
            Ports ports = server.start(List.of());
            try (RawConversation route = RawConversation.open(ports.route())) {
                transcript.madeUpIn(route.info());
                transcript.add(clusterFields(route.info()));
                transcript.addAll(comparable(route.exchange(connect("NPEER1", HIGHER, true) + info("NPEER1", HIGHER, true))));
                transcript.add("clients are told " + clusterToldToClients(ports));
            }
        });
    }

    @Test
    void aPeerWhoseMadeUpNameSortsLowerIsRefused() throws Exception {
        assertSameTranscripts((server, transcript) -> {
            Ports ports = server.start(List.of());
            try (RawConversation route = RawConversation.open(ports.route())) {
                transcript.madeUpIn(route.info());
                transcript.addAll(comparable(route.exchangeUntilClosed(connect("NPEER1", LOWER, true))));
                transcript.add("clients are told " + clusterToldToClients(ports));
            }
        });
    }

    /** A name taken from a peer whose name was configured counts as configured: no other is taken after it. */
    @Test
    void aConfiguredNameFromAConnectIsTakenAndThenKept() throws Exception {
        assertSameTranscripts((server, transcript) -> {
            Ports ports = server.start(List.of());
            try (RawConversation first = RawConversation.open(ports.route())) {
                transcript.madeUpIn(first.info());
                transcript.addAll(comparable(first.exchange(connect("NPEER1", CONFIGURED, false) + info("NPEER1", CONFIGURED, false))));
                transcript.add("clients are told " + clusterToldToClients(ports));
                try (RawConversation second = RawConversation.open(ports.route())) {
                    transcript.add(clusterFields(second.info()));
                    transcript.addAll(comparable(second.exchangeUntilClosed(connect("NPEER2", HIGHER, true))));
                }
                transcript.add("the first route goes on");
                transcript.addAll(comparable(first.exchange("")));
            }
        });
    }

    /** A name taken from an INFO leaves the server's name dynamic: a higher one replaces it, and the routes under it close. */
    @Test
    void aNameFromAnInfoIsTakenAndCanBeReplacedAgain() throws Exception {
        assertSameTranscripts((server, transcript) -> {
            Ports ports = server.start(List.of());
            try (RawConversation first = RawConversation.open(ports.route())) {
                String madeUp = transcript.madeUpIn(first.info());
                transcript.addAll(comparable(first.exchange(connect("NPEER1", madeUp, true) + info("NPEER1", CONFIGURED, false))));
                transcript.add("clients are told " + clusterToldToClients(ports));
                try (RawConversation second = RawConversation.open(ports.route())) {
                    transcript.addAll(comparable(second.exchange(connect("NPEER2", HIGHER, true) + info("NPEER2", HIGHER, true))));
                    transcript.add("clients are told " + clusterToldToClients(ports));
                    transcript.add("the first route");
                    transcript.addAll(comparable(first.exchangeUntilClosed("")));
                }
            }
        });
    }

    /** An INFO a peer forwards about another server is checked too: a lower name closes the route, a higher one is taken. */
    @Test
    void theNameInAForwardedInfoIsCheckedToo() throws Exception {
        assertSameTranscripts((server, transcript) -> {
            Ports ports = server.start(List.of());
            String madeUp;
            try (RawConversation first = RawConversation.open(ports.route())) {
                madeUp = transcript.madeUpIn(first.info());
                first.exchange(connect("NPEER1", madeUp, true) + info("NPEER1", madeUp, true));
                transcript.addAll(comparable(first.exchangeUntilClosed(info("NOTHER1", LOWER, true))));
            }
            try (RawConversation second = RawConversation.open(ports.route())) {
                second.exchange(connect("NPEER2", madeUp, true) + info("NPEER2", madeUp, true));
                transcript.addAll(comparable(second.exchange(info("NOTHER2", HIGHER, true))));
                transcript.add("clients are told " + clusterToldToClients(ports));
            }
        });
    }

    /**
     * The CONNECT of a server that dials says whether its name may still change: after it took a
     * configured name, it closes its other routes and dials again saying it may not.
     */
    @Test
    void theConnectOfADiallingServerSaysWhetherItsNameIsDynamic() throws Exception {
        assertSameTranscripts((server, transcript) -> {
            try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                Ports ports = server.start(List.of(URI.create("nats-route://127.0.0.1:" + peer.getLocalPort())));
                try (RawConversation dialled = RawConversation.accept(peer)) {
                    String madeUp = transcript.madeUpIn(dialled.info());
                    transcript.add(clusterFields(dialled.info()));
                    transcript.addAll(comparable(dialled.exchange(info("NPEER1", madeUp, true))));
                    try (RawConversation other = RawConversation.open(ports.route())) {
                        other.exchange(connect("NPEER2", CONFIGURED, false) + info("NPEER2", CONFIGURED, false));
                        transcript.add("the dialled route, once another peer's configured name was taken");
                        transcript.addAll(comparable(dialled.exchangeUntilClosed("")));
                    }
                }
                try (RawConversation redialled = RawConversation.accept(peer)) {
                    transcript.add(clusterFields(redialled.info()));
                }
            }
        });
    }

    private static String connect(String serverId, String cluster, boolean dynamic) {
        return "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,\"name\":\"" + serverId
                + "\",\"headers\":true,\"cluster\":\"" + cluster + "\"" + (dynamic ? ",\"cluster_dynamic\":true" : "")
                + ",\"lnoc\":true}\r\n";
    }

    private static String info(String serverId, String cluster, boolean dynamic) {
        return "INFO {\"server_id\":\"" + serverId + "\",\"server_name\":\"" + serverId.toLowerCase(Locale.ROOT)
                + "\",\"version\":\"2.9.10\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,"
                + "\"max_payload\":1048576,\"cluster\":\"" + cluster + "\"" + (dynamic ? ",\"cluster_dynamic\":true" : "")
                + ",\"lnoc\":true} \r\n";
    }

    /** The cluster fields of an INFO or CONNECT line, e.g. {@code INFO cluster=x cluster_dynamic=true}. */
    private static String clusterFields(String line) throws IOException {
        return line.substring(0, line.indexOf(' ')) + " cluster=" + field(line, "cluster")
                + " cluster_dynamic=" + field(line, "cluster_dynamic");
    }

    private static String field(String line, String name) throws IOException {
        JsonNode value = JSON.readTree(line.substring(line.indexOf(' ') + 1)).get(name);
        return value == null ? "(absent)" : value.asText();
    }

    private static String clusterToldToClients(Ports ports) throws IOException {
        try (RawConversation client = RawConversation.open(ports.client())) {
            return field(client.info(), "cluster");
        }
    }

    /** As {@link RouteProtocolConformanceTest#comparable}, with INFOs (forwarded or a dialling server's own) made comparable too. */
    private static List<String> comparable(List<String> replies) {
        return RouteProtocolConformanceTest.comparable(replies).stream().map(RawConversation::normalise).toList();
    }
}
