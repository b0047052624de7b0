package io.jstan.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts as nats-streaming-server prints them: "1000 B", "1.00 KB", "976.56 MB". */
public final class FriendlyBytes {

    private static final String[] PREFIXES = {"K", "M", "G", "T", "P", "E"};

    private FriendlyBytes() {
    }

    /**
     * Rounded to two decimals as Go's {@code %.2f} rounds: the exact value of the double, a tie to
     * the even digit (1152 B is "1.12 KB"). Without String.format, whose locale data takes tens of
     * milliseconds to load at startup.
     */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int exponent = (int) (Math.log(bytes) / Math.log(1024));
        BigDecimal scaled = new BigDecimal(bytes / Math.pow(1024, exponent)).setScale(2, RoundingMode.HALF_EVEN);
        return scaled.toPlainString() + " " + PREFIXES[exponent - 1] + "B";
    }
}
