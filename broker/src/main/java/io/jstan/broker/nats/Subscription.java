package io.jstan.broker.nats;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** One subscription held in the {@link SubjectRouter}. */
public final class Subscription {
    private final Subscriber subscriber;
    private final String subject;
    private final String queue;
    private final String sid;
    private final byte[] sidBytes;
    private final AtomicLong delivered = new AtomicLong();
    private volatile long maxMessages;
    /** For a route's queue subscription: how many members the group has on that server. */
    private volatile int weight = 1;

    Subscription(Subscriber subscriber, String subject, String queue, String sid) {
        this.subscriber = subscriber;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = sid.getBytes(StandardCharsets.ISO_8859_1);
    }

    Subscriber subscriber() {
        return subscriber;
    }

    public String subject() {
        return subject;
    }

    /** The queue group, or null. */
    public String queue() {
        return queue;
    }

    public String sid() {
        return sid;
    }

    /** The sid as written in MSG lines. */
    byte[] sidBytes() {
        return sidBytes;
    }

    int weight() {
        return weight;
    }

    void weight(int weight) {
        this.weight = weight;
    }

    public long delivered() {
        return delivered.get();
    }

    /** After this many deliveries in all the subscription ends (UNSUB with a count); 0 is no limit. */
    void maxMessages(long maxMessages) {
        this.maxMessages = maxMessages;
    }

    public long maxMessages() {
        return maxMessages;
    }

    /**
     * Counts one delivery and tells whether it may go out: false once the UNSUB count is reached.
     * The caller removes the subscription when {@link #isExhausted()} becomes true.
     */
    boolean claimDelivery() {
        long max = maxMessages;
        if (max <= 0) {
            delivered.incrementAndGet();
            return true;
        }
        return delivered.incrementAndGet() <= max;
    }

    boolean isExhausted() {
        long max = maxMessages;
        return max > 0 && delivered.get() >= max;
    }
}
