package io.jstan.cli.tools;

import java.util.Locale;

/**
 * The progress {@code jstan bench} shows on stderr while it runs: on a terminal a bar redrawn
 * in place ({@code \r}, no newline), elsewhere a plain line to print now and then.
 */
final class ProgressLine {
    private static final int BAR_WIDTH = 30;

    private final long publishTarget;
    private final long receiveTarget;
    private final boolean terminal;

    /** @param receiveTarget what all subscribers together are to receive; 0 without subscribers */
    ProgressLine(long publishTarget, long receiveTarget, boolean terminal) {
        this.publishTarget = publishTarget;
        this.receiveTarget = receiveTarget;
        this.terminal = terminal;
    }

    String render(long published, long received) {
        String counts = "published " + of(published, publishTarget)
                + (receiveTarget > 0 ? " received " + of(received, receiveTarget) : "");
        int percent = (int) (100 * (published + received) / (publishTarget + receiveTarget));
        if (!terminal) {
            return String.format(Locale.ROOT, "%3d%% %s", percent, counts);
        }
        int filled = percent * BAR_WIDTH / 100;
        return String.format(Locale.ROOT, "\r[%s%s] %3d%% %s", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), percent, counts);
    }

    private static String of(long count, long target) {
        return String.format(Locale.ROOT, "%,d/%,d", count, target);
    }
}
