package io.jstan.cli.options;

import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.cluster.ClusterPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jstan.cli.options.Parsing.run;
import static io.jstan.cli.options.Parsing.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nats-streaming-server's clustering flags and cluster block, and jstan's --cluster_raft_addr. */
class StreamingClusterFlagsTest {
    private static final String[] FILE_STORE = {"-st", "FILE", "--dir", "/var/lib/jstan"};

    @TempDir
    Path dir;

    @Test
    void notClusteredWithoutTheFlagOrTheBlock() throws UsageException {
        assertNull(settings(FILE_STORE).streaming().cluster());
    }

    @Test
    void theFlagsSetTheNode() throws UsageException {
        ClusterOptions cluster = cluster("--clustered", "--cluster_node_id", "a", "--cluster_raft_addr", "a.stan:7222",
                "--cluster_peers", "a,b@b.stan:7222, c", "--cluster_log_path", "/raft", "--cluster_sync",
                "--cluster_trailing_logs", "100", "--cluster_allow_add_remove_node");
        assertEquals("a", cluster.nodeId());
        assertEquals("a.stan:7222", cluster.raftAddress());
        assertEquals(List.of(new ClusterPeer("a", ""), new ClusterPeer("b", "b.stan:7222"), new ClusterPeer("c", "")),
                cluster.peers());
        assertEquals(Path.of("/raft"), cluster.logPath());
        assertTrue(cluster.raft().sync());
        assertEquals(100, cluster.raft().trailingEntries());
        assertTrue(cluster.allowAddRemoveNode());
        assertFalse(cluster.bootstrap());
    }

    @Test
    void raftListensWhereTheEmbeddedNatsServerDoes() throws UsageException {
        assertTrue(cluster("--clustered", "--cluster_bootstrap").raft().listensEverywhere());
        ClusterOptions cluster = cluster("--clustered", "--cluster_bootstrap", "-a", "127.0.0.11");
        assertEquals("127.0.0.11", cluster.raft().listenHost());
        assertFalse(cluster.raft().listensEverywhere());
    }

    @Test
    void defaultsPutTheRaftLogInTheStoreDirectoryAndRaftOnPort7222() throws UsageException {
        ClusterOptions cluster = cluster("--clustered", "--cluster_bootstrap");
        assertEquals(Path.of("/var/lib/jstan", "raft"), cluster.logPath());
        assertTrue(cluster.raftAddress().endsWith(":7222"), cluster.raftAddress());
        assertEquals("", cluster.nodeId());
        assertTrue(cluster.bootstrap());
        assertEquals(10240, cluster.raft().trailingEntries());
        assertEquals(Duration.ofMillis(500), cluster.raft().electionTimeout());
    }

    @Test
    void aClusterBlockTurnsClusteringOn() throws Exception {
        Path config = write("""
                streaming {
                  store: file
                  dir: "/var/lib/jstan"
                  cluster {
                    node_id: "b"
                    peers: ["a", "b", "c"]
                    raft_addr: "b.stan:7300"
                    raft_heartbeat_timeout: "2s"
                    log_cache_size: 1024
                  }
                }
                """);
        Invocation.RunServer run = run("-sc", config.toString());
        ClusterOptions cluster = run.settings().streaming().cluster();
        assertEquals("b", cluster.nodeId());
        assertEquals(List.of("a", "b", "c"), cluster.peers().stream().map(ClusterPeer::nodeId).toList());
        assertEquals("b.stan:7300", cluster.raftAddress());
        assertEquals(Duration.ofSeconds(2), cluster.raft().electionTimeout());
        assertTrue(run.configWarnings().stream().anyMatch(line -> line.contains("cluster_log_cache_size has no effect")),
                run.configWarnings()::toString);
    }

    @Test
    void theRoutesClusterBlockAloneDoesNotTurnStreamingClusteringOn() throws Exception {
        Path config = write("""
                store: file
                dir: "/var/lib/jstan"
                cluster { listen: "127.0.0.1:6222" }
                """);
        assertNull(settings("-c", config.toString()).streaming().cluster());
    }

    @Test
    void clusteringTheMemoryStoreIsRefused() {
        UsageException refused = assertThrows(UsageException.class, () -> settings("--clustered"));
        assertEquals("stan: clustering mode not supported with MEMORY store type", refused.getMessage());
    }

    @Test
    void bootstrapWithPeersIsRefused() {
        UsageException refused = assertThrows(UsageException.class,
                () -> cluster("--clustered", "--cluster_bootstrap", "--cluster_peers", "a,b,c"));
        assertTrue(refused.getMessage().startsWith("--cluster_bootstrap and --cluster_peers cannot be used together"));
    }

    @Test
    void aFaultToleranceGroupWithClusteringIsRefused() {
        UsageException refused = assertThrows(UsageException.class,
                () -> cluster("--clustered", "--ft_group", "ft"));
        assertTrue(refused.getMessage().startsWith("--ft_group and --clustered cannot be used together"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "host:", "host:0", "host:70000", "host:port"})
    void aRaftAddressWithoutAPortIsRefused(String address) {
        UsageException refused = assertThrows(UsageException.class,
                () -> cluster("--clustered", "--cluster_bootstrap", "--cluster_raft_addr", address));
        assertTrue(refused.getMessage().startsWith("invalid Raft address \"" + address + "\""), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a*", "a>", "a@b@c"})
    void aNodeIdThatCannotNameASubjectIsRefused(String nodeId) {
        assertThrows(UsageException.class, () -> cluster("--clustered", "--cluster_bootstrap", "--cluster_node_id", nodeId));
    }

    @Test
    void anElectionTimeoutShorterThanTheHeartbeatTimeoutIsRefused() throws Exception {
        Path config = write("""
                streaming { store: file, dir: "/d", cluster { raft_heartbeat_timeout: "2s", raft_election_timeout: "1s" } }
                """);
        UsageException refused = assertThrows(UsageException.class, () -> settings("-sc", config.toString()));
        assertEquals("ElectionTimeout (1s) must be equal or greater than Heartbeat Timeout (2s)", refused.getMessage());
    }

    private static ClusterOptions cluster(String... clusterArgs) throws UsageException {
        String[] args = new String[FILE_STORE.length + clusterArgs.length];
        System.arraycopy(FILE_STORE, 0, args, 0, FILE_STORE.length);
        System.arraycopy(clusterArgs, 0, args, FILE_STORE.length, clusterArgs.length);
        return settings(args).streaming().cluster();
    }

    private Path write(String text) throws IOException {
        Path config = dir.resolve("jstan.conf");
        Files.writeString(config, text, StandardCharsets.UTF_8);
        return config;
    }
}
