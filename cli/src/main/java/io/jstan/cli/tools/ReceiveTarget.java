package io.jstan.cli.tools;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The count of messages a bench subscriber waits for: its own, or its queue group's, shared
 * by the members, since each member gets only a part of the messages.
 */
final class ReceiveTarget {
    private final AtomicLong remaining;
    private final CompletableFuture<Long> reachedAt = new CompletableFuture<>();

    ReceiveTarget(long messages) {
        remaining = new AtomicLong(messages);
    }

    /** Counts one message, received at {@code nanos}. */
    void count(long nanos) {
        if (remaining.decrementAndGet() == 0) {
            reachedAt.complete(nanos);
        }
    }

    boolean reached() {
        return reachedAt.isDone();
    }

    /** Completes with the {@link System#nanoTime()} of the message that reached the target. */
    CompletableFuture<Long> reachedAt() {
        return reachedAt;
    }
}
