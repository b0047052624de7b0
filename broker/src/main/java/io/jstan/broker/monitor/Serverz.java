package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * /streaming/serverz: the streaming server's identity and counters, with nats-streaming-server's field
 * names and order. Its role (Leader, Follower, Candidate) and node_id are written only by a clustered server.
 */
record Serverz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("version") String version,
        @JsonProperty("go") String runtimeVersion,
        @JsonProperty("state") String state,
        @JsonProperty("role") @JsonInclude(JsonInclude.Include.NON_EMPTY) String role,
        @JsonProperty("node_id") @JsonInclude(JsonInclude.Include.NON_EMPTY) String nodeId,
        @JsonProperty("now") Instant now,
        @JsonProperty("start_time") Instant startTime,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("clients") int clients,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("channels") int channels,
        @JsonProperty("total_msgs") long totalMsgs,
        @JsonProperty("total_bytes") long totalBytes,
        @JsonProperty("in_msgs") long inMsgs,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_msgs") long outMsgs,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("open_fds") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long openFds,
        @JsonProperty("max_fds") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxFds) {
}
