package io.jstan.cli.tools;

import java.util.List;

/**
 * What one bench client (or a group of them) did: how many messages of how many bytes,
 * between two {@link System#nanoTime()} readings. Rates are truncated to whole messages per
 * second, as NATS bench reports them.
 */
record Sample(long messages, long bytes, long startNanos, long endNanos) {

    /** The clients of {@code samples} together: their sums, from the earliest start to the latest end. */
    static Sample combined(List<Sample> samples) {
        long messages = 0;
        long bytes = 0;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Sample sample : samples) {
            messages += sample.messages;
            bytes += sample.bytes;
            start = Math.min(start, sample.startNanos);
            end = Math.max(end, sample.endNanos);
        }
        return new Sample(messages, bytes, start, end);
    }

    /** Messages per second; 0 for a sample that took no time. */
    long rate() {
        double seconds = seconds();
        return seconds > 0 ? (long) (messages / seconds) : 0;
    }

    /** Bytes per second; 0 for a sample that took no time. */
    double throughput() {
        double seconds = seconds();
        return seconds > 0 ? bytes / seconds : 0;
    }

    private double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
