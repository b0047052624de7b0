package io.jstan.cli.options;

import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.cluster.ClusterPeer;
import io.jstan.raft.RaftSettings;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * nats-streaming-server's "Streaming Server Clustering Options" and the {@code cluster { }} block of
 * its streaming configuration, with jstan's {@code --cluster_raft_addr}. What each means on
 * SOFAJRaft is in docs/clustering.md; the few that have no meaning there are accepted and said so
 * in the log.
 */
public final class StreamingClusterSection implements OptionSection, ConfiguredByFile {
    /** jstan's default Raft port: where nats-server's ports (4222, 6222, 8222) leave room. */
    public static final int DEFAULT_RAFT_PORT = 7222;
    static final int DEFAULT_LOG_CACHE_SIZE = 512;
    static final int DEFAULT_LOG_SNAPSHOTS = 2;
    static final long DEFAULT_TRAILING_LOGS = 10240;
    /** The raft log's directory under the store's when --cluster_log_path is not given. */
    static final String DEFAULT_LOG_DIR = "raft";

    @Option(names = "--clustered", arity = "0..1", description = "Run the server in a clustered configuration")
    boolean clustered;

    @Option(names = "--cluster_node_id", description = "ID of the node within the cluster if there is no stored ID"
            + " (default: random NUID)")
    @ConfigKey(value = "cluster.node_id", scope = ConfigScope.STREAMING)
    String nodeId;

    @Option(names = "--cluster_bootstrap", arity = "0..1",
            description = "Bootstrap the cluster if there is no existing state by electing self as leader")
    @ConfigKey(value = "cluster.bootstrap", scope = ConfigScope.STREAMING)
    boolean bootstrap;

    @Option(names = "--cluster_peers", paramLabel = "<string, ...>", description = "Comma separated list of cluster"
            + " peer node IDs to bootstrap cluster state (jstan: id@host:port gives a peer's Raft address)")
    @ConfigKey(value = "cluster.peers", scope = ConfigScope.STREAMING)
    CommaSeparated peers;

    @Option(names = "--cluster_log_path", description = "Directory to store log replication data"
            + " (jstan default: " + DEFAULT_LOG_DIR + " in the store's directory)")
    @ConfigKey(value = "cluster.log_path", scope = ConfigScope.STREAMING)
    Path logPath;

    @Option(names = "--cluster_log_cache_size", description = "Number of log entries to cache in memory to reduce"
            + " disk IO (jstan: no effect, SOFAJRaft keeps the entries not yet applied in memory)")
    @ConfigKey(value = "cluster.log_cache_size", scope = ConfigScope.STREAMING)
    Integer logCacheSize;

    @Option(names = "--cluster_log_snapshots", description = "Number of log snapshots to retain"
            + " (jstan: SOFAJRaft retains the last one)")
    @ConfigKey(value = "cluster.log_snapshots", scope = ConfigScope.STREAMING)
    Integer logSnapshots;

    @Option(names = "--cluster_trailing_logs", description = "Number of log entries to leave after a snapshot and compaction")
    @ConfigKey(value = "cluster.trailing_logs", scope = ConfigScope.STREAMING)
    long trailingLogs = DEFAULT_TRAILING_LOGS;

    @Option(names = "--cluster_sync", arity = "0..1",
            description = "Do a file sync after every write to the replication log and message store")
    @ConfigKey(value = "cluster.sync", scope = ConfigScope.STREAMING)
    boolean sync;

    @Option(names = "--cluster_raft_logging", arity = "0..1", description = "Enable logging from the Raft library"
            + " (disabled by default)")
    @ConfigKey(value = "cluster.raft_logging", scope = ConfigScope.STREAMING)
    boolean raftLogging;

    @Option(names = "--cluster_allow_add_remove_node", arity = "0..1",
            description = "Enable the ability to send NATS requests to the leader to add/remove cluster nodes")
    @ConfigKey(value = "cluster.allow_add_remove_node", scope = ConfigScope.STREAMING)
    boolean allowAddRemoveNode;

    @Option(names = "--cluster_proceed_on_restore_failure", arity = "0..1", hidden = true,
            description = "Allow a non leader node to proceed with restore failures (jstan: no effect, a snapshot"
                    + " holds the messages)")
    @ConfigKey(value = "cluster.proceed_on_restore_failure", scope = ConfigScope.STREAMING)
    Boolean proceedOnRestoreFailure;

    @Option(names = "--cluster_raft_addr", paramLabel = "<host:port>", description = "jstan: where this node's Raft"
            + " listens, and the address it gives the other nodes (default: this host's name, port " + DEFAULT_RAFT_PORT + ")")
    @ConfigKey(value = "cluster.raft_addr", scope = ConfigScope.STREAMING)
    String raftAddress;

    @ConfigKey(value = "cluster.raft_heartbeat_timeout", scope = ConfigScope.STREAMING, description =
            "How long a follower goes without a leader before it stands for election (jstan default 500ms)")
    Duration heartbeatTimeout;

    @ConfigKey(value = "cluster.raft_election_timeout", scope = ConfigScope.STREAMING, description =
            "How long a candidate waits for votes before it stands again (at least raft_heartbeat_timeout)")
    Duration electionTimeout;

    @ConfigKey(value = "cluster.raft_lease_timeout", scope = ConfigScope.STREAMING, description =
            "How long a leader goes without a majority before it steps down (at most raft_heartbeat_timeout)")
    Duration leaseTimeout;

    @ConfigKey(value = "cluster.raft_commit_timeout", scope = ConfigScope.STREAMING, description =
            "jstan: no effect, SOFAJRaft sends entries as they come")
    Duration commitTimeout;

    @ConfigKey(value = "cluster.bolt_free_list_sync", scope = ConfigScope.STREAMING, description =
            "jstan: no effect, the Raft log is in RocksDB, not BoltDB")
    Boolean boltFreeListSync;

    @ConfigKey(value = "cluster.bolt_free_list_map", scope = ConfigScope.STREAMING, description =
            "jstan: no effect, the Raft log is in RocksDB, not BoltDB")
    Boolean boltFreeListMap;

    @ConfigKey(value = "cluster.nodes_connections", scope = ConfigScope.STREAMING, description =
            "jstan: no effect, Raft has its own connections (--cluster_raft_addr)")
    Boolean nodesConnections;

    /** Whether the configuration file's streaming block set anything of clustering: that turns it on, as in nats-streaming-server. */
    private boolean configured;

    @Override
    public String heading() {
        return "Streaming Server Clustering Options";
    }

    boolean clustered() {
        return clustered || configured;
    }

    /** A configuration file set a clustering key: as in nats-streaming-server, that is clustering on. */
    @Override
    public void configuredByFile() {
        configured = true;
    }

    boolean raftLogging() {
        return raftLogging;
    }

    /**
     * The node's clustering settings, or null when not clustered.
     *
     * @param storeType the store's type: only one that outlives the process can be replicated
     * @param storeDir the store's directory, where the Raft log goes by default
     * @param ftGroup the fault-tolerance group, which a clustered node cannot be in
     * @param listenHost the embedded NATS server's {@code -a}: the Raft RPC listens there too
     * @param notes where the settings that have no effect on SOFAJRaft are told
     */
    ClusterOptions options(String storeType, Path storeDir, String ftGroup, String listenHost, Consumer<String> notes)
            throws UsageException {
        if (!clustered()) {
            return null;
        }
        if (storeType.equals("MEMORY")) {
            throw new UsageException("stan: clustering mode not supported with MEMORY store type");
        }
        if (ftGroup != null) {
            throw new UsageException("--ft_group and --clustered cannot be used together: a cluster fails over by itself");
        }
        List<ClusterPeer> clusterPeers = clusterPeers();
        if (bootstrap && !clusterPeers.isEmpty()) {
            throw new UsageException("--cluster_bootstrap and --cluster_peers cannot be used together: bootstrap starts"
                    + " a cluster of this node alone, which the others join; peers start it with all of them");
        }
        String node = nodeId == null ? "" : nodeId.trim();
        if (!node.isEmpty()) {
            checkNodeId(node);
        }
        if (trailingLogs < 0) {
            throw new UsageException("cluster_trailing_logs cannot be negative (" + trailingLogs + ")");
        }
        if (logSnapshots != null && logSnapshots < 1) {
            throw new UsageException("must retain at least one snapshot (cluster_log_snapshots " + logSnapshots + ")");
        }
        noteWithoutEffect(notes);
        return new ClusterOptions(node, raftAddress(), clusterPeers, bootstrap, raftLogPath(storeDir), raftSettings().withListenHost(listenHost),
                allowAddRemoveNode, reason -> { });
    }

    private List<ClusterPeer> clusterPeers() throws UsageException {
        List<ClusterPeer> parsed = new ArrayList<>();
        if (peers == null) {
            return parsed;
        }
        for (String entry : peers.values()) {
            ClusterPeer peer = ClusterPeer.parse(entry);
            checkNodeId(peer.nodeId());
            if (!peer.raftAddress().isEmpty()) {
                checkAddress("cluster_peers", peer.raftAddress());
            }
            parsed.add(peer);
        }
        return parsed;
    }

    private static void checkNodeId(String id) throws UsageException {
        if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || c == '*' || c == '>' || c == '@')) {
            throw new UsageException("invalid node ID \"" + id + "\": no whitespace, '*', '>' or '@'");
        }
    }

    private String raftAddress() throws UsageException {
        if (raftAddress == null || raftAddress.isBlank()) {
            return localHostName() + ":" + DEFAULT_RAFT_PORT;
        }
        checkAddress("cluster_raft_addr", raftAddress.trim());
        return raftAddress.trim();
    }

    private static void checkAddress(String option, String address) throws UsageException {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("invalid Raft address \"" + address + "\" (" + option + "): expected host:port");
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private Path raftLogPath(Path storeDir) throws UsageException {
        if (logPath != null) {
            return logPath;
        }
        if (storeDir == null) {
            throw new UsageException("clustering needs --cluster_log_path, or a store directory (--dir) to keep the Raft log in");
        }
        return storeDir.resolve(DEFAULT_LOG_DIR);
    }

    private RaftSettings raftSettings() throws UsageException {
        RaftSettings settings = RaftSettings.DEFAULTS.withSync(sync).withTrailingEntries(trailingLogs);
        if (heartbeatTimeout != null) {
            try {
                settings = settings.withElectionTimeout(heartbeatTimeout);
            } catch (IllegalArgumentException e) {
                throw new UsageException("raft_heartbeat_timeout: " + e.getMessage());
            }
        }
        if (electionTimeout != null && electionTimeout.compareTo(settings.electionTimeout()) < 0) {
            throw new UsageException("ElectionTimeout (" + GoDurationText.of(electionTimeout) + ") must be equal or"
                    + " greater than Heartbeat Timeout (" + GoDurationText.of(settings.electionTimeout()) + ")");
        }
        if (leaseTimeout != null && leaseTimeout.compareTo(settings.electionTimeout()) > 0) {
            throw new UsageException("LeaderLeaseTimeout (" + GoDurationText.of(leaseTimeout) + ") cannot be larger than"
                    + " heartbeat timeout (" + GoDurationText.of(settings.electionTimeout()) + ")");
        }
        return settings;
    }

    private void noteWithoutEffect(Consumer<String> notes) {
        if (logCacheSize != null) {
            notes.accept("cluster_log_cache_size has no effect: SOFAJRaft keeps the entries not yet applied in memory");
        }
        if (logSnapshots != null && logSnapshots != DEFAULT_LOG_SNAPSHOTS) {
            notes.accept("cluster_log_snapshots has no effect: SOFAJRaft keeps the last snapshot only");
        }
        if (electionTimeout != null || leaseTimeout != null || commitTimeout != null) {
            notes.accept("raft_election_timeout, raft_lease_timeout and raft_commit_timeout have no effect: on SOFAJRaft,"
                    + " raft_heartbeat_timeout sets them all");
        }
        if (boltFreeListSync != null || boltFreeListMap != null) {
            notes.accept("bolt_free_list_sync and bolt_free_list_map have no effect: the Raft log is in RocksDB");
        }
        if (nodesConnections != null) {
            notes.accept("nodes_connections has no effect: Raft has connections of its own (cluster_raft_addr)");
        }
        if (proceedOnRestoreFailure != null) {
            notes.accept("cluster_proceed_on_restore_failure has no effect: a snapshot holds the messages, nothing is"
                    + " restored from the leader");
        }
    }
}
