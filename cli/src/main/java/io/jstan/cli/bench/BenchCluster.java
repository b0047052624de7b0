package io.jstan.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Three clustered streaming servers on 127.0.0.1 for a benchmark, each its own process with a FILE
 * store, their embedded NATS servers meshed by routes: jstan's jar, or nats-streaming-server, with
 * the same flags where they have them. Who leads is read from each node's /streaming/serverz.
 */
final class BenchCluster implements AutoCloseable {
    static final String CLUSTER_ID = "test-cluster";
    private static final Duration ELECTED = Duration.ofSeconds(60);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration PROBE_CONNECT_WAIT = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** Which server, and how it is started as one node of three. */
    enum Kind {
        JSTAN, REFERENCE
    }

    private final Kind kind;
    private final List<String> server;
    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final Set<Integer> portsGiven = new HashSet<>();

    private final class Node {
        final String id;
        final int clientPort = freePort();
        final int routePort = freePort();
        final int raftPort = freePort();
        final int monitorPort = freePort();
        Process process;

        Node(String id) throws IOException {
            this.id = id;
        }

        void start() throws IOException {
            Path nodeDir = dir.resolve(id);
            Files.createDirectories(nodeDir);
            List<String> command = new ArrayList<>(server);
            command.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(clientPort), "-m", Integer.toString(monitorPort),
                    "-st", "FILE", "--dir", nodeDir.resolve("store").toString(),
                    "--cluster", "nats://127.0.0.1:" + routePort, "--cluster_name", "bench",
                    "--routes", nodes.stream().map(n -> "nats://127.0.0.1:" + n.routePort).collect(Collectors.joining(",")),
                    "--clustered", "--cluster_node_id", id, "--cluster_log_path", nodeDir.resolve("raft").toString()));
            if (kind == Kind.JSTAN) {
                command.addAll(List.of("--cluster_raft_addr", "127.0.0.1:" + raftPort, "--cluster_peers",
                        nodes.stream().map(n -> n.id + "@127.0.0.1:" + n.raftPort).collect(Collectors.joining(","))));
            } else {
                command.addAll(List.of("--cluster_peers", nodes.stream().map(n -> n.id).collect(Collectors.joining(","))));
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(nodeDir.resolve("log.txt").toFile()).start();
        }

        String role() {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + monitorPort + "/streaming/serverz")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode serverz = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
                return serverz == null ? "" : serverz.path("role").asText();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        boolean running() {
            return process != null && process.isAlive();
        }

        void stop(boolean kill) throws InterruptedException {
            if (kill) {
                process.destroyForcibly().waitFor();
            } else {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    private BenchCluster(Kind kind, List<String> server, Path dir) {
        this.kind = kind;
        this.server = server;
        this.dir = dir;
    }

    /** A free port that no node of this cluster was given: the OS may hand out the same free port twice. */
    private int freePort() throws IOException {
        int port;
        do {
            port = ServerProcess.freePort();
        } while (!portsGiven.add(port));
        return port;
    }

    /** Starts three nodes in fresh directories under {@code dir}; returns once one leads. */
    static BenchCluster start(Kind kind, List<String> server, Path dir) throws IOException, InterruptedException {
        BenchCluster cluster = new BenchCluster(kind, server, dir);
        for (String id : List.of("a", "b", "c")) {
            cluster.nodes.add(cluster.new Node(id));
        }
        for (Node node : cluster.nodes) {
            node.start();
        }
        cluster.awaitLeader(-1);
        return cluster;
    }

    /** The index of the node that leads, once there is one other than {@code former} (-1 for any). */
    int awaitLeader(int former) throws InterruptedException {
        long deadline = System.nanoTime() + ELECTED.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.size(); i++) {
                if (i != former && nodes.get(i).running() && nodes.get(i).role().equals("Leader")) {
                    return i;
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException(kind + ": no leader within " + ELECTED + " (logs in " + dir + ")");
    }

    /**
     * Waits until a streaming client connecting through {@code node} is served: the leader has
     * finished taking over and its interest has crossed the routes (before, a connect request goes
     * unanswered, with either server).
     */
    void awaitServed(int node) throws InterruptedException {
        long deadline = System.nanoTime() + ELECTED.toNanos();
        while (true) {
            try (Connection nats = Nats.connect(new io.nats.client.Options.Builder().server(url(node))
                    .errorListener(new ErrorListener() { }).build());
                 StreamingConnection probe = NatsStreaming.connect(CLUSTER_ID, "bench-probe",
                         new Options.Builder().natsConn(nats).connectWait(PROBE_CONNECT_WAIT).build())) {
                return;
            } catch (IOException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(kind + ": no client served through node " + nodes.get(node).id
                            + " within " + ELECTED + " (logs in " + dir + ")", e);
                }
            }
        }
    }

    /** A node's client URL. */
    String url(int node) {
        return "nats://127.0.0.1:" + nodes.get(node).clientPort;
    }

    /** {@code kill -9} of a node. */
    void kill(int node) throws InterruptedException {
        nodes.get(node).stop(true);
    }

    /** Starts a stopped node again on its directories; returns once it follows the leader again. */
    void restart(int node) throws IOException, InterruptedException {
        Node restarted = nodes.get(node);
        restarted.start();
        long deadline = System.nanoTime() + ELECTED.toNanos();
        while (!restarted.role().equals("Follower")) {
            if (System.nanoTime() > deadline || !restarted.running()) {
                throw new IllegalStateException(kind + ": node " + restarted.id + " did not rejoin (logs in " + dir + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The peak resident memory of every node, in MB, summed. */
    long peakRssMegabytes() {
        long total = 0;
        for (Node node : nodes) {
            if (node.running()) {
                total += peakRssMegabytes(node.process.pid());
            }
        }
        return total;
    }

    private static long peakRssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        for (Node node : nodes) {
            if (node.running()) {
                node.stop(false);
            }
        }
    }
}
