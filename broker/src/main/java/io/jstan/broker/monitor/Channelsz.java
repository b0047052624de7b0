package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * /streaming/channelsz: one page of the channels, sorted by name: their names alone, or with subs=1 each
 * channel's figures and subscriptions. total counts them all, count those on the page.
 */
record Channelsz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("count") int count,
        @JsonProperty("total") int total,
        @JsonProperty("names") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> names,
        @JsonProperty("channels") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Channelz> channels) {
}
