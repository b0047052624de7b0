package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.testing.ClientWaits;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cluster of jstan processes on 127.0.0.1, as a user runs one: every node its own jar with a FILE
 * store in its own directory, the embedded NATS servers meshed by routes, and the Raft addresses
 * given in {@code --cluster_peers}. Nodes can be killed ({@code kill -9}), stopped, frozen
 * ({@code SIGSTOP}) and started again with the same flags; each one's log is printed when it ends.
 */
final class JarCluster implements AutoCloseable {
    static final Duration ELECTED = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Member> members = new ArrayList<>();
    private String peers = "";

    /** A node: its ports and directory stay the same across restarts. */
    final class Member {
        final String id;
        final int clientPort = freePort();
        final int routePort = freePort();
        final int raftPort = freePort();
        final int monitorPort = freePort();
        final Path dir;
        private final List<String> extraArgs;
        private JstanJar jar;

        private Member(String id, Path dir, List<String> extraArgs) {
            this.id = id;
            this.dir = dir;
            this.extraArgs = extraArgs;
        }

        String raftAddress() {
            return "127.0.0.1:" + raftPort;
        }

        String url() {
            return "nats://127.0.0.1:" + clientPort;
        }

        JstanJar jar() {
            return jar;
        }

        boolean running() {
            return jar != null;
        }

        /** Starts the process; returns once it listens for clients. */
        void start() throws IOException {
            List<String> args = new ArrayList<>(List.of(
                    "-a", "127.0.0.1", "-p", String.valueOf(clientPort), "-m", String.valueOf(monitorPort),
                    "-st", "FILE", "--dir", dir.toString(),
                    "--cluster", "nats://127.0.0.1:" + routePort, "--cluster_name", "jstan-it",
                    "--routes", members.stream().map(m -> "nats://127.0.0.1:" + m.routePort).collect(Collectors.joining(",")),
                    "--clustered", "--cluster_node_id", id, "--cluster_raft_addr", raftAddress(), "--cluster_peers", peers));
            args.addAll(extraArgs);
            jar = JstanJar.start(args.toArray(String[]::new));
        }

        /** {@code kill -9}. */
        void kill() throws InterruptedException, IOException {
            jar.kill();
            jar.close();
            jar = null;
        }

        /** SIGTERM, waiting for the process to end. */
        void stop() throws InterruptedException, IOException {
            jar.close();
            jar = null;
        }

        /** What /streaming/serverz says, or null while the node does not answer. */
        JsonNode serverz() {
            return monitoring("/streaming/serverz");
        }

        JsonNode monitoring(String path) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        String role() {
            JsonNode serverz = running() ? serverz() : null;
            return serverz == null ? "" : serverz.path("role").asText();
        }

        @Override
        public String toString() {
            return "node " + id;
        }
    }

    /**
     * Starts {@code count} nodes (a, b, c...) forming a new cluster with {@code --cluster_peers}, plus
     * {@code extraArgs} on each; returns once one of them leads.
     */
    static JarCluster start(Path base, int count, String... extraArgs) throws IOException {
        JarCluster cluster = new JarCluster();
        try {
            for (int i = 0; i < count; i++) {
                String id = String.valueOf((char) ('a' + i));
                cluster.members.add(cluster.new Member(id, base.resolve(id), List.of(extraArgs)));
            }
            cluster.peers = cluster.members.stream().map(m -> m.id + "@" + m.raftAddress()).collect(Collectors.joining(","));
            for (Member member : cluster.members) {
                member.start();
            }
            cluster.awaitLeader();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    List<Member> running() {
        return members.stream().filter(Member::running).toList();
    }

    /** The one running node whose monitoring says it leads; waits for it. */
    Member awaitLeader() {
        ClientWaits.await(ELECTED, () -> running().stream().filter(m -> m.role().equals("Leader")).count() == 1,
                () -> "one node leads: " + roles());
        return running().stream().filter(m -> m.role().equals("Leader")).findFirst().orElseThrow();
    }

    /** Waits until a running node other than {@code former} leads. */
    Member awaitLeaderOtherThan(Member former) {
        ClientWaits.await(ELECTED, () -> running().stream().anyMatch(m -> m != former && m.role().equals("Leader")),
                () -> "a node other than " + former + " leads: " + roles());
        return awaitLeader();
    }

    String roles() {
        return members.stream().map(m -> m.id + "=" + (m.running() ? m.role() : "down")).toList().toString();
    }

    /** Every node's client URL, comma-separated, for a NATS connection that moves to another when one goes. */
    String urls() {
        return members.stream().map(Member::url).collect(Collectors.joining(","));
    }

    /** A NATS connection that reconnects to any node, at once and forever, as a client of a cluster should. */
    Connection connect(String name) throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder()
                .servers(members.stream().map(Member::url).toArray(String[]::new))
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(50))
                .build());
    }

    @Override
    public void close() throws IOException {
        for (Member member : members) {
            if (member.running()) {
                try {
                    member.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
