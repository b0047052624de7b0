package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jstan.store.ChannelLimits;

/** One channel's limits in /streaming/storez, as nats-streaming-server's ChannelLimits; durations in nanoseconds. */
record StorezChannelLimits(
        @JsonProperty("max_msgs") long maxMsgs,
        @JsonProperty("max_bytes") long maxBytes,
        @JsonProperty("max_age") long maxAgeNanos,
        @JsonProperty("max_subscriptions") int maxSubscriptions,
        @JsonProperty("max_inactivity") long maxInactivityNanos) {

    static StorezChannelLimits of(ChannelLimits limits) {
        return new StorezChannelLimits(limits.maxMsgs(), limits.maxBytes(), limits.maxAge().toNanos(),
                limits.maxSubscriptions(), limits.maxInactivity().toNanos());
    }
}
