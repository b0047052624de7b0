package io.jstan.broker.cluster;

import io.jstan.raft.RaftSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a node takes part in a cluster, from nats-streaming-server's {@code --cluster_*} flags and
 * jstan's {@code --cluster_raft_addr}.
 *
 * @param nodeId {@code --cluster_node_id}; empty to use the stored one, or make one up for a new store
 * @param raftAddress where this node's Raft RPC listens, and what the others dial ({@code host:port})
 * @param peers {@code --cluster_peers}: the members a new cluster starts with (this node may be among them)
 * @param bootstrap {@code --cluster_bootstrap}: a new cluster starts with this node alone
 * @param logPath {@code --cluster_log_path}: where the Raft log, metadata and snapshots are kept
 * @param raft timeouts, durability and snapshot policy
 * @param allowAddRemoveNode {@code --cluster_allow_add_remove_node}: the leader takes requests to
 *     add and remove members
 * @param onFailure told when the node cannot go on (its store failed while applying): the process
 *     should exit, and be restarted
 */
public record ClusterOptions(String nodeId, String raftAddress, List<ClusterPeer> peers, boolean bootstrap, Path logPath,
        RaftSettings raft, boolean allowAddRemoveNode, Consumer<String> onFailure) {

    /** The same options, with {@code handler} told when the node cannot go on. */
    public ClusterOptions onFailure(Consumer<String> handler) {
        return new ClusterOptions(nodeId, raftAddress, peers, bootstrap, logPath, raft, allowAddRemoveNode, handler);
    }

    public ClusterOptions {
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(raftAddress);
        peers = List.copyOf(peers);
        Objects.requireNonNull(logPath);
        Objects.requireNonNull(raft);
        Objects.requireNonNull(onFailure);
    }
}
