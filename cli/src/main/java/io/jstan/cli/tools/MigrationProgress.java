package io.jstan.cli.tools;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress {@code jstan migrate} shows on stderr: on a terminal a line redrawn in place,
 * elsewhere a line every few seconds. The share done is that of the message files' bytes read.
 */
final class MigrationProgress {
    private static final long TERMINAL_REFRESH_NANOS = 200_000_000L;
    private static final long PLAIN_REFRESH_NANOS = 5_000_000_000L;

    private final long totalBytes;
    private final boolean terminal;
    private final PrintStream err;
    private long lastShown = System.nanoTime();
    private boolean shown;

    MigrationProgress(long totalBytes, boolean terminal, PrintStream err) {
        this.totalBytes = totalBytes;
        this.terminal = terminal;
        this.err = err;
    }

    void show(String channel, long messages, long bytes) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_REFRESH_NANOS : PLAIN_REFRESH_NANOS)) {
            return;
        }
        lastShown = now;
        int percent = totalBytes == 0 ? 100 : (int) Math.min(100, 100 * bytes / totalBytes);
        String line = String.format(Locale.ROOT, "%3d%% %,d messages, %.1f MB (channel %s)", percent, messages, bytes / 1e6, channel);
        if (terminal) {
            err.print("\r" + line + "   ");
            shown = true;
        } else {
            err.println(line);
        }
    }

    /** Ends the line redrawn in place, if any. */
    void done() {
        if (shown) {
            err.println();
            shown = false;
        }
    }
}
