package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.bus.JnatsBus;
import io.jstan.broker.cluster.ClusterStatus;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.jstan.raft.proto.NodeStatus;
import io.jstan.store.testing.FreePorts;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A cluster of jstan processes on 127.0.0.1, as a user runs one: every node its own jar with a FILE
 * store in its own directory (or a store of the test's choice), the Raft addresses given in {@code --cluster_peers}, and one NATS
 * network: the embedded servers meshed by routes, or one external nats-server ({@code -ns}). Nodes
 * can be killed ({@code kill -9}), stopped ({@code SIGTERM}) and started again with the same flags;
 * each one's log is printed when it ends. Who leads is asked over NATS, as {@code jstan cluster
 * status} does.
 */
final class JarCluster implements AutoCloseable {
    static final Duration ELECTED = Duration.ofSeconds(30);
    /** How long a node may take to stop on SIGTERM: a leader hands over, its NATS server moves its clients away. */
    private static final Duration STOPPED = Duration.ofSeconds(30);
    private static final Duration STATUS_ANSWERS = Duration.ofMillis(500);
    private static final Duration PROBE_CONNECT_WAIT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Member> members = new ArrayList<>();
    private final String externalNats;
    /** The flags that form the cluster, per node: peers, or bootstrap. */
    private Function<Member, List<String>> formation = member -> List.of();
    /** The flags of each node's store: by default a FILE store in its directory. */
    private Function<Member, List<String>> store = member -> List.of("-st", "FILE", "--dir", member.dir.toString());
    private JnatsBus statusBus;

    private JarCluster(String externalNats) {
        this.externalNats = externalNats;
    }

    /** A node: its ports and directory stay the same across restarts. */
    final class Member {
        final String id;
        final int clientPort = FreePorts.next();
        final int routePort = FreePorts.next();
        final int raftPort = FreePorts.next();
        final int monitorPort = FreePorts.next();
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

        /** Where its clients connect: its embedded server, or the external one. */
        String url() {
            return externalNats != null ? externalNats : "nats://127.0.0.1:" + clientPort;
        }

        JstanJar jar() {
            return jar;
        }

        boolean running() {
            return jar != null;
        }

        /** Starts the process; returns once it listens for clients (or, with -ns, once it recovered its state). */
        void start() throws IOException {
            List<String> args = new ArrayList<>(store.apply(this));
            args.addAll(List.of("--clustered", "--cluster_node_id", id, "--cluster_raft_addr", raftAddress()));
            args.addAll(formation.apply(this));
            args.addAll(extraArgs);
            if (externalNats != null) {
                args.addAll(List.of("-ns", externalNats));
                jar = JstanJar.startUntil("STREAM: Cluster Node ID", args.toArray(String[]::new));
                return;
            }
            args.addAll(List.of("-a", "127.0.0.1", "-p", String.valueOf(clientPort), "-m", String.valueOf(monitorPort),
                    "--cluster", "nats://127.0.0.1:" + routePort, "--cluster_name", "jstan-it",
                    "--routes", members.stream().map(m -> "nats://127.0.0.1:" + m.routePort).collect(Collectors.joining(","))));
            jar = JstanJar.start(args.toArray(String[]::new));
        }

        /** {@code kill -9}. */
        void kill() throws InterruptedException, IOException {
            jar.kill();
            jar.close();
            jar = null;
        }

        /** SIGTERM, waiting for the process to end, which it must do by itself. */
        void stop() throws InterruptedException, IOException {
            jar.terminate();
            int exit = jar.awaitExit(STOPPED);
            jar.close();
            jar = null;
            assertEquals(JstanJar.TERMINATED, exit, "the node ends by itself on SIGTERM");
        }

        /** What a monitoring endpoint says (embedded NATS only), or null while the node does not answer. */
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

        /** A monitoring path's status code and text, e.g. {@code 503 not ready: no leader}; empty while the node does not answer. */
        String plainMonitoring(String path) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() + " " + response.body().strip();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override
        public String toString() {
            return "node " + id;
        }
    }

    /**
     * Starts {@code count} nodes (a, b, c...) forming a new cluster with {@code --cluster_peers}, plus
     * {@code extraArgs} on each, over their embedded NATS servers; returns once one of them leads.
     */
    static JarCluster start(Path base, int count, String... extraArgs) throws IOException {
        return onExternalNats(base, count, null, extraArgs);
    }

    /**
     * As {@link #start(Path, int, String...)}, each node's store given by {@code store}'s flags (read
     * at each start) rather than a FILE store in its directory.
     */
    static JarCluster withStores(Path base, int count, Function<Member, List<String>> store, String... extraArgs)
            throws IOException {
        JarCluster cluster = new JarCluster(null);
        cluster.store = store;
        cluster.add(base, count, extraArgs);
        return cluster.formedByPeers().started();
    }

    /** As {@link #start(Path, int, String...)}, every node on the external NATS server {@code natsUrl} (-ns). */
    static JarCluster onExternalNats(Path base, int count, String natsUrl, String... extraArgs) throws IOException {
        JarCluster cluster = new JarCluster(natsUrl);
        cluster.add(base, count, extraArgs);
        return cluster.formedByPeers().started();
    }

    /** Node a with {@code --cluster_bootstrap}, the others with neither peers nor bootstrap: they join. */
    static JarCluster bootstrapped(Path base, int count, String... extraArgs) throws IOException {
        JarCluster cluster = new JarCluster(null);
        cluster.add(base, count, extraArgs);
        cluster.formation = member -> member.id.equals("a") ? List.of("--cluster_bootstrap") : List.of();
        return cluster.started();
    }

    /**
     * As {@link #bootstrapped}, each node started once the leader counts the ones before it as
     * members: one join at a time, for nodes that join by receiving a snapshot, which takes longer
     * than a join's catch-up allows.
     */
    static JarCluster bootstrappedOneByOne(Path base, int count, String... extraArgs) throws IOException {
        JarCluster cluster = new JarCluster(null);
        cluster.add(base, count, extraArgs);
        cluster.formation = member -> member.id.equals("a") ? List.of("--cluster_bootstrap") : List.of();
        try {
            for (Member member : cluster.members) {
                member.start();
                int members = cluster.running().size();
                ClientWaits.await(ELECTED, () -> cluster.statuses().stream()
                                .anyMatch(status -> status.getRole().equals("Leader") && status.getMembersCount() == members),
                        () -> "the leader counts " + members + " members: " + cluster.statuses());
            }
            cluster.awaitServed();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node starts with {@code --cluster_peers} naming all of them. */
    private JarCluster formedByPeers() {
        String peers = members.stream().map(m -> m.id + "@" + m.raftAddress()).collect(Collectors.joining(","));
        formation = member -> List.of("--cluster_peers", peers);
        return this;
    }

    private void add(Path base, int count, String... extraArgs) {
        for (int i = 0; i < count; i++) {
            String id = String.valueOf((char) ('a' + i));
            members.add(new Member(id, base.resolve(id), List.of(extraArgs)));
        }
    }

    private JarCluster started() throws IOException {
        try {
            for (Member member : members) {
                member.start();
            }
            awaitServed();
            return this;
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    List<Member> running() {
        return members.stream().filter(Member::running).toList();
    }

    Member member(String id) {
        return members.stream().filter(m -> m.id.equals(id)).findFirst().orElseThrow();
    }

    /** What the running nodes answer about themselves over NATS. */
    List<NodeStatus> statuses() {
        try {
            return ClusterStatus.gather(statusBus(), StanClients.CLUSTER_ID, running().size(), STATUS_ANSWERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The running node that leads, once all running nodes agree on it; waits for it. */
    /** Waits until every running node's store holds messages 1 to {@code last} of {@code channel}, as its monitoring says. */
    void awaitChannelEverywhere(String channel, long last, Duration timeout) {
        String path = "/streaming/channelsz?channel=" + channel;
        ClientWaits.await(timeout, () -> running().stream().allMatch(member -> holdsFirstTo(member.monitoring(path), last)),
                () -> "every node holds messages 1 to " + last + ": "
                        + running().stream().map(m -> m.id + "=" + m.monitoring(path)).toList());
    }

    private static boolean holdsFirstTo(JsonNode channel, long last) {
        return channel != null && channel.path("msgs").asLong() == last && channel.path("last_seq").asLong() == last
                && channel.path("first_seq").asLong() == 1;
    }

    Member awaitLeader() {
        AtomicReference<Member> leader = new AtomicReference<>();
        // The leader seen when the wait ends: asking again could find the nodes disagreeing by then.
        ClientWaits.await(ELECTED, () -> {
            agreedLeader().ifPresent(leader::set);
            return leader.get() != null;
        }, () -> "one node leads: " + roles());
        return leader.get();
    }

    /**
     * Waits until a streaming client connecting through any running node is served: one node
     * leads, its promotion is done, and its interest in the discover subject reached every node
     * (else a connect request finds no responders). Returns the leader.
     */
    Member awaitServed() {
        Member leader = awaitLeader();
        for (Member member : running()) {
            ClientWaits.await(ELECTED, () -> connectsThrough(member), () -> "a client connecting through " + member
                    + " is served: " + roles());
        }
        return leader;
    }

    private static boolean connectsThrough(Member member) throws InterruptedException, TimeoutException {
        try (Connection nats = Nats.connect(member.url());
             StreamingConnection probe = NatsStreaming.connect(StanClients.CLUSTER_ID, "probe-" + member.id,
                     new io.nats.streaming.Options.Builder().natsConn(nats).connectWait(PROBE_CONNECT_WAIT).build())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until a running node other than {@code former} leads. */
    Member awaitLeaderOtherThan(Member former) {
        ClientWaits.await(ELECTED, () -> agreedLeader().filter(leader -> leader != former).isPresent(),
                () -> "a node other than " + former + " leads: " + roles());
        return agreedLeader().orElseThrow();
    }

    /** Waits until every running node has applied as much of the log as the leader. */
    void awaitCaughtUp() {
        ClientWaits.await(ELECTED, () -> {
            List<NodeStatus> statuses = statuses();
            return statuses.size() == running().size()
                    && statuses.stream().mapToLong(NodeStatus::getAppliedIndex).distinct().count() == 1;
        }, () -> "every node applied the same log: " + roles());
    }

    private Optional<Member> agreedLeader() {
        List<NodeStatus> statuses = statuses();
        List<NodeStatus> leaders = statuses.stream().filter(status -> status.getRole().equals("Leader")).toList();
        if (statuses.size() != running().size() || leaders.size() != 1) {
            return Optional.empty();
        }
        String leaderId = leaders.get(0).getNodeId();
        if (!statuses.stream().allMatch(status -> status.getLeader().equals(leaderId))) {
            return Optional.empty();
        }
        return running().stream().filter(m -> m.id.equals(leaderId)).findFirst();
    }

    String roles() {
        return statuses().stream().map(status -> status.getNodeId() + "=" + status.getRole()).sorted().toList()
                + " of " + running().stream().map(m -> m.id).toList();
    }

    /** A NATS connection that reconnects to any node, at once and forever, as a client of a cluster should. */
    Connection connect(String name) throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder()
                .servers(members.stream().map(Member::url).distinct().toArray(String[]::new))
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(50))
                .build());
    }

    private JnatsBus statusBus() throws InterruptedException {
        if (statusBus == null) {
            try {
                statusBus = JnatsBus.connect(new Options.Builder()
                        .servers(members.stream().map(Member::url).distinct().toArray(String[]::new))
                        .connectionName("cluster-status").build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return statusBus;
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
        if (statusBus != null) {
            statusBus.close();
        }
    }
}
