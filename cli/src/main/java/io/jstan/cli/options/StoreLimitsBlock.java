package io.jstan.cli.options;

import io.jstan.cli.config.ConfigValues;
import io.jstan.store.ChannelLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * nats-streaming-server's {@code store_limits} block: the most channels, the channel limits, and
 * under {@code channels}, per-channel overrides keyed by channel name (wildcards allowed).
 */
final class StoreLimitsBlock {
    private static final Set<String> MAX_CHANNELS = Set.of("mc", "max_channels", "maxchannels");
    private static final Set<String> CHANNELS = Set.of("channels", "channels_limits", "channelslimits", "per_channel",
            "per_channel_limits");

    private int maxChannels;
    private ChannelLimits global;
    private final Map<String, ChannelLimits> channels = new LinkedHashMap<>();
    private final List<String> ignoredKeys = new ArrayList<>();

    private StoreLimitsBlock(int maxChannels, ChannelLimits global) {
        this.maxChannels = maxChannels;
        this.global = global;
    }

    /**
     * Reads {@code block} over the limits set so far; throws IllegalArgumentException naming the
     * key of a value that does not fit.
     */
    static StoreLimitsBlock read(ConfigBlock block, int maxChannels, ChannelLimits global) {
        StoreLimitsBlock limits = new StoreLimitsBlock(maxChannels, global);
        for (Map.Entry<String, Object> entry : block.entries().entrySet()) {
            String key = block.key() + "." + entry.getKey();
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            Optional<ChannelLimitKey> limit = ChannelLimitKey.named(name);
            if (MAX_CHANNELS.contains(name)) {
                limits.maxChannels = ConfigConversions.toInt(key, entry.getValue());
            } else if (CHANNELS.contains(name)) {
                limits.readChannels(key, ConfigValues.toMap(key, entry.getValue()));
            } else if (limit.isPresent()) {
                limits.global = limit.get().set(limits.global, key, entry.getValue());
            } else {
                limits.ignoredKeys.add(key);
            }
        }
        return limits;
    }

    int maxChannels() {
        return maxChannels;
    }

    ChannelLimits global() {
        return global;
    }

    /** The overrides by channel name pattern, 0 inheriting and a negative value unlimited (see {@link ChannelLimits}). */
    Map<String, ChannelLimits> channels() {
        return channels;
    }

    /** Keys of the block that name no limit, as the user wrote them. */
    List<String> ignoredKeys() {
        return ignoredKeys;
    }

    private void readChannels(String channelsKey, Map<String, Object> byChannel) {
        for (Map.Entry<String, Object> channel : byChannel.entrySet()) {
            String channelKey = channelsKey + "." + channel.getKey();
            ChannelLimits limits = ChannelLimits.INHERIT;
            for (Map.Entry<String, Object> entry : ConfigValues.toMap(channelKey, channel.getValue()).entrySet()) {
                String key = channelKey + "." + entry.getKey();
                Optional<ChannelLimitKey> limit = ChannelLimitKey.named(entry.getKey().toLowerCase(Locale.ROOT));
                if (limit.isPresent()) {
                    limits = limit.get().override(limits, key, entry.getValue());
                } else {
                    ignoredKeys.add(key);
                }
            }
            channels.put(channel.getKey(), limits);
        }
    }
}
