package io.jstan.raft;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One Raft group as this node takes part in it: which group, this node's Raft address, where its
 * log, metadata and snapshots live, and the members it starts a new group with. A value, so that a
 * node could one day hold several groups (each its own channels).
 *
 * @param groupId the group's name, the same on every member (the cluster ID for the one group)
 * @param nodeId this node's ID in the cluster
 * @param address this node's Raft address, {@code host:port}: where its Raft RPC listens, and what
 *     the other members dial; it must stay the same across restarts
 * @param dataDir this node's directory for the group: {@code log/}, {@code meta/} and {@code snapshot/}
 * @param initialMembers the members, by node ID with their Raft addresses, this node included,
 *     that a node without state starts the group with; empty for a node that waits to be added
 * @param settings timeouts, durability and snapshot policy
 */
public record RaftGroup(String groupId, String nodeId, String address, Path dataDir, Map<String, String> initialMembers,
        RaftSettings settings) {

    public RaftGroup {
        Objects.requireNonNull(groupId);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(address);
        Objects.requireNonNull(dataDir);
        initialMembers = new TreeMap<>(initialMembers);
        Objects.requireNonNull(settings);
    }

    Path logDir() {
        return dataDir.resolve("log");
    }

    Path metaDir() {
        return dataDir.resolve("meta");
    }

    Path snapshotDir() {
        return dataDir.resolve("snapshot");
    }
}
