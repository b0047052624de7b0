package io.jstan.cli.options;

import io.jstan.cli.config.ConfigValues;
import io.jstan.store.ChannelLimits;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A limit of a channel as nats-streaming-server's configuration file names it, with its aliases. */
enum ChannelLimitKey {
    SUBSCRIPTIONS("msu", "max_subs", "max_subscriptions", "maxsubscriptions") {
        @Override
        long read(String key, Object value) {
            return ConfigConversions.toInt(key, value);
        }

        @Override
        ChannelLimits with(ChannelLimits limits, long value) {
            return limits.withMaxSubscriptions((int) value);
        }
    },
    MESSAGES("mm", "max_msgs", "maxmsgs", "max_count", "maxcount") {
        @Override
        long read(String key, Object value) {
            return ConfigValues.toLong(key, value);
        }

        @Override
        ChannelLimits with(ChannelLimits limits, long value) {
            return limits.withMaxMsgs(value);
        }
    },
    BYTES("mb", "max_bytes", "maxbytes") {
        @Override
        long read(String key, Object value) {
            return ConfigValues.toSize(key, value);
        }

        @Override
        ChannelLimits with(ChannelLimits limits, long value) {
            return limits.withMaxBytes(value);
        }
    },
    AGE("ma", "max_age", "maxage") {
        @Override
        long read(String key, Object value) {
            return ConfigConversions.toDuration(key, value).toNanos();
        }

        @Override
        ChannelLimits with(ChannelLimits limits, long nanos) {
            return limits.withMaxAge(Duration.ofNanos(nanos));
        }
    },
    INACTIVITY("mi", "max_inactivity", "maxinactivity") {
        @Override
        long read(String key, Object value) {
            return ConfigConversions.toDuration(key, value).toNanos();
        }

        @Override
        ChannelLimits with(ChannelLimits limits, long nanos) {
            return limits.withMaxInactivity(Duration.ofNanos(nanos));
        }
    };

    /** In an override, where 0 inherits: what a 0 written in the file is stored as. */
    private static final long UNLIMITED_OVERRIDE = -1;

    private final List<String> names;

    ChannelLimitKey(String... names) {
        this.names = List.of(names);
    }

    /** The limit called {@code name}, in lower case. */
    static Optional<ChannelLimitKey> named(String name) {
        return Arrays.stream(values()).filter(limit -> limit.names.contains(name)).findFirst();
    }

    /** The value read at {@code key}: a count, a number of bytes, or nanoseconds. */
    abstract long read(String key, Object value);

    abstract ChannelLimits with(ChannelLimits limits, long value);

    /** {@code limits} with this limit set to the value read at {@code key}. */
    ChannelLimits set(ChannelLimits limits, String key, Object value) {
        return with(limits, read(key, value));
    }

    /**
     * As {@link #set}, in a per-channel override. There a limit left out inherits, while a 0
     * written in the file means unlimited, as nats-streaming-server reads it.
     */
    ChannelLimits override(ChannelLimits limits, String key, Object value) {
        long read = read(key, value);
        return with(limits, read == 0 ? UNLIMITED_OVERRIDE : read);
    }
}
