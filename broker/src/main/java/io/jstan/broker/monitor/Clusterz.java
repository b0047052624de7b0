package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * /streaming/clusterz, jstan's own: this node's view of its Raft group (role, term, leader, log
 * indexes) and every member as it answered, with how far its log is behind the leader's.
 */
record Clusterz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("node_id") String nodeId,
        @JsonProperty("raft_address") String raftAddress,
        @JsonProperty("role") String role,
        @JsonProperty("term") long term,
        @JsonProperty("leader") @JsonInclude(JsonInclude.Include.NON_EMPTY) String leader,
        @JsonProperty("last_log_index") long lastLogIndex,
        @JsonProperty("committed_index") long committedIndex,
        @JsonProperty("applied_index") long appliedIndex,
        @JsonProperty("peers") List<Peer> peers) {

    /** A member, as it answered; {@code reachable} false when it did not (its figures are then 0). */
    record Peer(
            @JsonProperty("node_id") String nodeId,
            @JsonProperty("raft_address") String raftAddress,
            @JsonProperty("reachable") boolean reachable,
            @JsonProperty("role") @JsonInclude(JsonInclude.Include.NON_EMPTY) String role,
            @JsonProperty("last_log_index") long lastLogIndex,
            @JsonProperty("applied_index") long appliedIndex,
            @JsonProperty("lag") long lag) {
    }
}
