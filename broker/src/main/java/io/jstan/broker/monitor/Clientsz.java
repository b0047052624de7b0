package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** /streaming/clientsz: one page of the clients, sorted by ID; total counts them all, count those on the page. */
record Clientsz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("count") int count,
        @JsonProperty("total") int total,
        @JsonProperty("clients") List<Clientz> clients) {
}
