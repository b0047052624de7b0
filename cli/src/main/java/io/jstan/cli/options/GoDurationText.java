package io.jstan.cli.options;

import java.time.Duration;

/** A duration written as Go users write one: {@code 2m}, {@code 10s}, {@code 500ms}. */
final class GoDurationText {
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us", "ns"};

    private GoDurationText() {
    }

    /** In the largest unit that divides it exactly. */
    static String of(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        int unit = 0;
        while (nanos % UNIT_NANOS[unit] != 0) {
            unit++;
        }
        return nanos / UNIT_NANOS[unit] + UNIT_NAMES[unit];
    }
}
