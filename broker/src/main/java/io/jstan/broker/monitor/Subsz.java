package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * /subsz: the statistics of the subscription router, with nats-server's field names. The counters the
 * router does not keep (cache, inserts, removes, matches, fan-out) are 0. total, offset and limit are
 * there only when the list was asked for (subs=1); as in nats-server, total is the length of the page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Subsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("num_subscriptions") int numSubscriptions,
        @JsonProperty("num_cache") int numCache,
        @JsonProperty("num_inserts") long numInserts,
        @JsonProperty("num_removes") long numRemoves,
        @JsonProperty("num_matches") long numMatches,
        @JsonProperty("cache_hit_rate") double cacheHitRate,
        @JsonProperty("max_fanout") int maxFanout,
        @JsonProperty("avg_fanout") double avgFanout,
        @JsonProperty("total") Integer total,
        @JsonProperty("offset") Integer offset,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("subscriptions_list") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SubDetail> subscriptionsList) {

    static Subsz statistics(String serverId, Instant now, int numSubscriptions) {
        return new Subsz(serverId, now, numSubscriptions, 0, 0, 0, 0, 0, 0, 0, null, null, null, null);
    }

    static Subsz withList(String serverId, Instant now, int numSubscriptions, int offset, int limit, List<SubDetail> page) {
        return new Subsz(serverId, now, numSubscriptions, 0, 0, 0, 0, 0, 0, 0, page.size(), offset, limit, page);
    }
}
