package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jstan.broker.nats.RouterStats;

/** The subscription router's statistics, with the field names of nats-server's sublist statistics. */
record SublistStats(
        @JsonProperty("num_subscriptions") int numSubscriptions,
        @JsonProperty("num_cache") int numCache,
        @JsonProperty("num_inserts") long numInserts,
        @JsonProperty("num_removes") long numRemoves,
        @JsonProperty("num_matches") long numMatches,
        @JsonProperty("cache_hit_rate") double cacheHitRate,
        @JsonProperty("max_fanout") int maxFanout,
        @JsonProperty("avg_fanout") double avgFanout) {

    static SublistStats of(RouterStats stats) {
        return new SublistStats(stats.subscriptions(), stats.cachedResults(), stats.inserts(), stats.removes(),
                stats.matches(), stats.cacheHitRate(), stats.maxFanout(), stats.averageFanout());
    }
}
