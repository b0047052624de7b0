package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** /accstatz, with nats-server's field names: the traffic of each account in use. */
record AccountStatz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("account_statz") List<AccountStat> accounts) {

    record AccountStat(
            @JsonProperty("acc") String account,
            @JsonProperty("conns") int connections,
            @JsonProperty("leafnodes") int leafNodes,
            @JsonProperty("total_conns") int totalConnections,
            @JsonProperty("sent") DataStats sent,
            @JsonProperty("received") DataStats received,
            @JsonProperty("slow_consumers") long slowConsumers) {
    }

    record DataStats(
            @JsonProperty("msgs") long messages,
            @JsonProperty("bytes") long bytes) {
    }
}
