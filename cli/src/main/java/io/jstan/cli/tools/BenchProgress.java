package io.jstan.cli.tools;

import java.util.concurrent.atomic.LongAdder;

/** How far a bench run has come: messages acknowledged to the publishers, messages received by the subscribers. */
final class BenchProgress {
    private final LongAdder published = new LongAdder();
    private final LongAdder received = new LongAdder();

    void onePublished() {
        published.increment();
    }

    void oneReceived() {
        received.increment();
    }

    long published() {
        return published.sum();
    }

    long received() {
        return received.sum();
    }
}
