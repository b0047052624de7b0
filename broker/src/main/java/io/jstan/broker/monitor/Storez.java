package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** /streaming/storez: the store's type, its limits, and what it holds, with nats-streaming-server's field names. */
record Storez(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("type") String type,
        @JsonProperty("limits") StorezLimits limits,
        @JsonProperty("total_msgs") long totalMsgs,
        @JsonProperty("total_bytes") long totalBytes) {
}
