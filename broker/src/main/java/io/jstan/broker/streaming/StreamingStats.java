package io.jstan.broker.streaming;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the streaming traffic, for monitoring: messages and bytes in and out, redeliveries. */
public final class StreamingStats {
    private final LongAdder inMsgs = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMsgs = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();

    void received(int bytes) {
        inMsgs.increment();
        inBytes.add(bytes);
    }

    void sent(int bytes, boolean redelivery) {
        outMsgs.increment();
        outBytes.add(bytes);
        if (redelivery) {
            redeliveries.increment();
        }
    }

    public long inMsgs() { return inMsgs.sum(); }
    public long inBytes() { return inBytes.sum(); }
    public long outMsgs() { return outMsgs.sum(); }
    public long outBytes() { return outBytes.sum(); }
    public long redeliveries() { return redeliveries.sum(); }
}
