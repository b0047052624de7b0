package io.jstan.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one channel. In the global limits and in resolved limits, 0 means unlimited. In a
 * per-channel override, 0 inherits the value of the wider pattern (or the global one) and a
 * negative value means unlimited.
 *
 * @param maxInactivity how long the channel may have no subscription and no new message before it
 *     is deleted
 */
public record ChannelLimits(long maxMsgs, long maxBytes, Duration maxAge, int maxSubscriptions, Duration maxInactivity) {

    /** nats-streaming-server's global defaults. */
    public static final ChannelLimits DEFAULTS = new ChannelLimits(1_000_000, 1_024_000_000L, Duration.ZERO, 1000, Duration.ZERO);

    /** An override that inherits every limit. */
    public static final ChannelLimits INHERIT = new ChannelLimits(0, 0, Duration.ZERO, 0, Duration.ZERO);

    public ChannelLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxInactivity, "maxInactivity");
    }

    public ChannelLimits withMaxMsgs(long value) {
        return new ChannelLimits(value, maxBytes, maxAge, maxSubscriptions, maxInactivity);
    }

    public ChannelLimits withMaxBytes(long value) {
        return new ChannelLimits(maxMsgs, value, maxAge, maxSubscriptions, maxInactivity);
    }

    public ChannelLimits withMaxAge(Duration value) {
        return new ChannelLimits(maxMsgs, maxBytes, value, maxSubscriptions, maxInactivity);
    }

    public ChannelLimits withMaxSubscriptions(int value) {
        return new ChannelLimits(maxMsgs, maxBytes, maxAge, value, maxInactivity);
    }

    public ChannelLimits withMaxInactivity(Duration value) {
        return new ChannelLimits(maxMsgs, maxBytes, maxAge, maxSubscriptions, value);
    }

    /** This override resolved against the limits of its parent: 0 takes the parent's, negative becomes unlimited. */
    ChannelLimits inheritFrom(ChannelLimits parent) {
        return new ChannelLimits(
                inherit(maxMsgs, parent.maxMsgs),
                inherit(maxBytes, parent.maxBytes),
                inherit(maxAge, parent.maxAge),
                (int) inherit(maxSubscriptions, parent.maxSubscriptions),
                inherit(maxInactivity, parent.maxInactivity));
    }

    private static long inherit(long own, long parent) {
        if (own < 0) {
            return 0;
        }
        return own == 0 ? parent : own;
    }

    private static Duration inherit(Duration own, Duration parent) {
        if (own.isNegative()) {
            return Duration.ZERO;
        }
        return own.isZero() ? parent : own;
    }
}
