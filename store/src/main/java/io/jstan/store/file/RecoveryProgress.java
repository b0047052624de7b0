package io.jstan.store.file;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Reports a recovery that takes more than a second: channels done of total every second, then the total time. */
final class RecoveryProgress {

    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int total;
    private final LongSupplier nanoClock;
    private final Consumer<String> report;
    private final long start;
    private long lastReport;
    private int done;

    /** @param start when the recovery started, on {@code nanoClock} */
    RecoveryProgress(long start, int total, LongSupplier nanoClock, Consumer<String> report) {
        this.start = start;
        this.total = total;
        this.nanoClock = nanoClock;
        this.report = report;
        this.lastReport = start;
    }

    synchronized void channelDone() {
        done++;
        long now = nanoClock.getAsLong();
        if (now - lastReport >= REPORT_INTERVAL_NANOS) {
            lastReport = now;
            report.accept("Recovering channels: " + done + " of " + total + " done");
        }
    }

    void finished() {
        long elapsed = nanoClock.getAsLong() - start;
        if (elapsed >= REPORT_INTERVAL_NANOS) {
            report.accept("Recovered " + total + " channels in " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
        }
    }
}
