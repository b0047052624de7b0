package io.jstan.broker.cluster;

import java.util.Objects;

/**
 * A member named in {@code --cluster_peers}: its node ID, and its Raft address when given as
 * {@code id@host:port} (empty when it is to be asked for over NATS).
 */
public record ClusterPeer(String nodeId, String raftAddress) {

    public ClusterPeer {
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(raftAddress);
    }

    /** Reads {@code id} or {@code id@host:port}. */
    public static ClusterPeer parse(String entry) {
        int at = entry.indexOf('@');
        return at < 0 ? new ClusterPeer(entry, "") : new ClusterPeer(entry.substring(0, at), entry.substring(at + 1));
    }

    @Override
    public String toString() {
        return raftAddress.isEmpty() ? nodeId : nodeId + "@" + raftAddress;
    }
}
