package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The limits in /streaming/storez, in the JSON shape of nats-streaming-server's StoreLimits: max channels,
 * the global channel limits inline, and the per-channel limits (inheritance applied) by name under
 * "channels". Durations are in nanoseconds; 0 means unlimited.
 */
record StorezLimits(
        @JsonProperty("max_channels") int maxChannels,
        @JsonProperty("max_msgs") long maxMsgs,
        @JsonProperty("max_bytes") long maxBytes,
        @JsonProperty("max_age") long maxAgeNanos,
        @JsonProperty("max_subscriptions") int maxSubscriptions,
        @JsonProperty("max_inactivity") long maxInactivityNanos,
        @JsonProperty("channels") @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, StorezChannelLimits> channels) {

    static StorezLimits of(StoreLimits limits) {
        ChannelLimits global = limits.global();
        SortedMap<String, StorezChannelLimits> channels = new TreeMap<>();
        for (Map.Entry<String, ChannelLimits> channel : limits.perChannel().entrySet()) {
            channels.put(channel.getKey(), StorezChannelLimits.of(channel.getValue()));
        }
        return new StorezLimits(limits.maxChannels(), global.maxMsgs(), global.maxBytes(), global.maxAge().toNanos(),
                global.maxSubscriptions(), global.maxInactivity().toNanos(), channels);
    }
}
