package io.jstan.store;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The limits of a store: how many channels it may hold, the global channel limits, and per-channel
 * overrides whose names may contain wildcards. Built only when valid, with inheritance applied as
 * nats-streaming-server applies it; immutable.
 */
public final class StoreLimits {

    public static final int DEFAULT_MAX_CHANNELS = 100;

    /** nats-streaming-server's defaults: 100 channels and {@link ChannelLimits#DEFAULTS}. */
    public static final StoreLimits DEFAULTS = builder().build();

    private final int maxChannels;
    private final ChannelLimits global;
    private final Map<String, ChannelLimits> perChannel;
    private final PatternTree<ChannelLimits> patterns;

    private StoreLimits(int maxChannels, ChannelLimits global, Map<String, ChannelLimits> perChannel,
            PatternTree<ChannelLimits> patterns) {
        this.maxChannels = maxChannels;
        this.global = global;
        this.perChannel = perChannel;
        this.patterns = patterns;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many channels the store may hold; 0 means unlimited. */
    public int maxChannels() {
        return maxChannels;
    }

    public ChannelLimits global() {
        return global;
    }

    /** The per-channel limits by name pattern, sorted, with inheritance applied (0 means unlimited). */
    public Map<String, ChannelLimits> perChannel() {
        return perChannel;
    }

    /** The limits of a (literal) channel: those of its narrowest matching pattern, else the global ones. */
    public ChannelLimits channelLimits(String channel) {
        List<ChannelLimits> matches = patterns.match(channel);
        return matches.isEmpty() ? global : matches.get(matches.size() - 1);
    }

    /** Collects limits; {@link #build()} validates them. */
    public static final class Builder {
        private int maxChannels = DEFAULT_MAX_CHANNELS;
        private ChannelLimits global = ChannelLimits.DEFAULTS;
        private final Map<String, ChannelLimits> perChannel = new TreeMap<>();

        private Builder() {
        }

        public Builder maxChannels(int value) {
            maxChannels = value;
            return this;
        }

        public Builder global(ChannelLimits limits) {
            global = Objects.requireNonNull(limits);
            return this;
        }

        /** Adds (or replaces) the override of a channel name pattern. */
        public Builder channel(String pattern, ChannelLimits limits) {
            perChannel.put(Objects.requireNonNull(pattern), Objects.requireNonNull(limits));
            return this;
        }

        /**
         * @throws IllegalArgumentException when a global limit is negative, a pattern is invalid, or
         *     more literal channel names are given than max channels allows
         */
        public StoreLimits build() {
            checkGlobalLimits();
            checkPatterns();
            Map<String, ChannelLimits> resolved = resolveInheritance();
            PatternTree<ChannelLimits> tree = new PatternTree<>();
            resolved.forEach(tree::put);
            return new StoreLimits(maxChannels, global, Collections.unmodifiableMap(new TreeMap<>(resolved)), tree);
        }

        private void checkGlobalLimits() {
            requireNotNegative("max channels", maxChannels);
            requireNotNegative("max subscriptions", global.maxSubscriptions());
            requireNotNegative("max messages", global.maxMsgs());
            requireNotNegative("max bytes", global.maxBytes());
            requireNotNegative("max age", global.maxAge());
            requireNotNegative("max inactivity", global.maxInactivity());
        }

        private static void requireNotNegative(String limit, long value) {
            if (value < 0) {
                throw negative(limit, value);
            }
        }

        private static void requireNotNegative(String limit, Duration value) {
            if (value.isNegative()) {
                throw negative(limit, value);
            }
        }

        private static IllegalArgumentException negative(String limit, Object value) {
            return new IllegalArgumentException(limit + " limit cannot be negative (" + value + ")");
        }

        private void checkPatterns() {
            int literals = 0;
            for (String pattern : perChannel.keySet()) {
                if (!ChannelNamePattern.isValid(pattern)) {
                    throw new IllegalArgumentException("invalid channel name \"" + pattern + "\"");
                }
                if (ChannelNamePattern.isLiteral(pattern)) {
                    literals++;
                    if (maxChannels > 0 && literals > maxChannels) {
                        throw new IllegalArgumentException("too many channels defined (" + literals
                                + "). The max channels limit is set to " + maxChannels);
                    }
                }
            }
        }

        /**
         * Resolves each pattern against the chain of patterns matching it, widest first: the widest
         * inherits from the global limits, each next one from the previous. A pattern keeps the
         * resolution of the first chain that reaches it.
         */
        private Map<String, ChannelLimits> resolveInheritance() {
            PatternTree<String> tree = new PatternTree<>();
            perChannel.keySet().forEach(pattern -> tree.put(pattern, pattern));
            Map<String, ChannelLimits> resolved = new LinkedHashMap<>();
            for (String pattern : tree.patterns()) {
                List<String> chain = tree.match(pattern);
                String widest = chain.get(0);
                if (ChannelNamePattern.isLiteral(widest) && resolved.containsKey(widest)) {
                    continue;
                }
                ChannelLimits parent = resolved.computeIfAbsent(widest, p -> perChannel.get(p).inheritFrom(global));
                for (String narrower : chain.subList(1, chain.size())) {
                    final ChannelLimits inheritedFrom = parent;
                    parent = resolved.computeIfAbsent(narrower, p -> perChannel.get(p).inheritFrom(inheritedFrom));
                }
            }
            return resolved;
        }
    }
}
