package io.jstan.cli.streaming;

import java.time.Duration;

/** A duration as Go's {@code time.Duration} prints itself: {@code 1h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}. */
final class GoDurationString {
    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private GoDurationString() {
    }

    /** @param duration not negative */
    static String of(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < MICROSECOND) {
            return nanos + "ns";
        }
        if (nanos < MILLISECOND) {
            return decimal(nanos, MICROSECOND) + "\u00b5s";
        }
        if (nanos < SECOND) {
            return decimal(nanos, MILLISECOND) + "ms";
        }
        StringBuilder text = new StringBuilder();
        long hours = nanos / HOUR;
        long minutes = nanos % HOUR / MINUTE;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(decimal(nanos % MINUTE, SECOND)).append('s').toString();
    }

    /** {@code value / unit} with its fraction, without trailing zeros. */
    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + fraction).substring(1);
        return whole + "." + digits.replaceFirst("0+$", "");
    }
}
