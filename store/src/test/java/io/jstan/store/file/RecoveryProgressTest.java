package io.jstan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecoveryProgressTest {

    private final AtomicLong clock = new AtomicLong(5_000);
    private final List<String> reports = new ArrayList<>();

    @Test
    void aRecoveryUnderASecondReportsNothing() {
        RecoveryProgress progress = new RecoveryProgress(clock.get(), 2, clock::get, reports::add);
        progress.channelDone();
        advanceMillis(999);
        progress.channelDone();
        progress.finished();
        assertEquals(List.of(), reports);
    }

    @Test
    void aLongerRecoveryReportsChannelsDoneEverySecondAndItsDuration() {
        RecoveryProgress progress = new RecoveryProgress(clock.get(), 4, clock::get, reports::add);
        advanceMillis(600);
        progress.channelDone();
        advanceMillis(600);
        progress.channelDone();
        advanceMillis(600);
        progress.channelDone();
        advanceMillis(600);
        progress.channelDone();
        progress.finished();
        assertEquals(List.of("Recovering channels: 2 of 4 done", "Recovering channels: 4 of 4 done",
                "Recovered 4 channels in 2400 ms"), reports);
    }

    private void advanceMillis(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
