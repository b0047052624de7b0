package io.jstan.store;

import java.util.Locale;

/** Byte counts as nats-streaming-server prints them: "1000 B", "1.00 KB", "976.56 MB". */
public final class FriendlyBytes {

    private static final String[] PREFIXES = {"K", "M", "G", "T", "P", "E"};

    private FriendlyBytes() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int exponent = (int) (Math.log(bytes) / Math.log(1024));
        return String.format(Locale.ROOT, "%.2f %sB", bytes / Math.pow(1024, exponent), PREFIXES[exponent - 1]);
    }
}
