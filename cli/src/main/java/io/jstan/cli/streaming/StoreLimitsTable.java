package io.jstan.cli.streaming;

import io.jstan.store.ChannelLimits;
import io.jstan.store.FriendlyBytes;
import io.jstan.store.StoreLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The store limits as nats-streaming-server prints them at startup: the global limits, with
 * {@code *} after those left at their default, then each per-channel override under the wider
 * pattern it inherits from, with only the limits that differ from that pattern's.
 */
final class StoreLimitsTable {
    private static final String TITLE = "---------- Store Limits ----------";
    private static final String CHANNELS_TITLE = " List of Channels ";
    private static final String DEFAULT_MARK = " *";
    private static final String UNLIMITED = "unlimited";
    private static final int LABEL_WIDTH = 13;
    /** Right-aligned, as Go's %13s; not String.format, whose first use loads the locale data at startup. */
    private static final int COLUMN_WIDTH = 13;

    private enum Limit {
        SUBSCRIPTIONS("Subscriptions", ChannelLimits::maxSubscriptions, Long::toString),
        MESSAGES("Messages", ChannelLimits::maxMsgs, Long::toString),
        BYTES("Bytes", ChannelLimits::maxBytes, FriendlyBytes::format),
        AGE("Age", limits -> limits.maxAge().toNanos(), nanos -> GoDurationString.of(Duration.ofNanos(nanos))),
        INACTIVITY("Inactivity", limits -> limits.maxInactivity().toNanos(), nanos -> GoDurationString.of(Duration.ofNanos(nanos)));

        private final String label;
        private final ToLongFunction<ChannelLimits> value;
        private final LongFunction<String> text;

        Limit(String label, ToLongFunction<ChannelLimits> value, LongFunction<String> text) {
            this.label = label;
            this.value = value;
            this.text = text;
        }
    }

    private StoreLimitsTable() {
    }

    static List<String> lines(StoreLimits limits) {
        List<String> lines = new ArrayList<>();
        lines.add(TITLE);
        lines.add("Channels:        " + global(limits.maxChannels(), StoreLimits.DEFAULT_MAX_CHANNELS, Long::toString));
        lines.add("--------- Channels Limits --------");
        for (Limit limit : Limit.values()) {
            lines.add("  " + pad(limit.label) + ": " + global(limit.value.applyAsLong(limits.global()),
                    limit.value.applyAsLong(ChannelLimits.DEFAULTS), limit.text));
        }
        int width = TITLE.length();
        if (!limits.perChannel().isEmpty()) {
            List<String> channelLines = channelLines(limits);
            for (String line : channelLines) {
                width = Math.max(width, line.length());
            }
            int left = (width - CHANNELS_TITLE.length()) / 2;
            lines.add("-".repeat(left) + CHANNELS_TITLE + "-".repeat(width - CHANNELS_TITLE.length() - left));
            lines.addAll(channelLines);
        }
        lines.add("-".repeat(width));
        return lines;
    }

    private static List<String> channelLines(StoreLimits limits) {
        Map<String, ChannelLimits> perChannel = limits.perChannel();
        int depth = ChannelPatterns.depth(perChannel.keySet());
        List<String> lines = new ArrayList<>();
        for (String pattern : perChannel.keySet().stream().sorted(ChannelPatterns.WIDEST_FIRST).toList()) {
            List<String> chain = ChannelPatterns.chain(perChannel.keySet(), pattern);
            int level = chain.indexOf(pattern);
            ChannelLimits parent = level == 0 ? limits.global() : perChannel.get(chain.get(level - 1));
            ChannelLimits own = perChannel.get(pattern);
            String indent = " ".repeat(level);
            lines.add(indent + pattern);
            for (Limit limit : Limit.values()) {
                long value = limit.value.applyAsLong(own);
                if (value != limit.value.applyAsLong(parent)) {
                    lines.add(indent + " |-> " + pad(limit.label) + " " + " ".repeat(depth - level) + column(value, limit.text));
                }
            }
        }
        return lines;
    }

    private static String global(long value, long defaultValue, LongFunction<String> text) {
        return column(value, text) + (value == defaultValue ? DEFAULT_MARK : "");
    }

    private static String column(long value, LongFunction<String> text) {
        String shown = value == 0 ? UNLIMITED : text.apply(value);
        return " ".repeat(Math.max(0, COLUMN_WIDTH - shown.length())) + shown;
    }

    private static String pad(String label) {
        return label + " ".repeat(LABEL_WIDTH - label.length());
    }
}
