package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** /leafz, with nats-server's field names; leafs is null (Go's nil) when there are none. */
record Leafz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("leafnodes") int leafNodes,
        @JsonProperty("leafs") List<Object> leafs) {
}
