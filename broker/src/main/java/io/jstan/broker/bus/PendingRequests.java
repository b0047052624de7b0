package io.jstan.broker.bus;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The requests of a bus still waiting for their reply, by the reply subject each was sent with. */
public final class PendingRequests {
    private final Map<String, Pending> byReplySubject = new ConcurrentHashMap<>();

    /** A future for the reply to {@code replySubject}: the reply's data, or a TimeoutException after {@code timeout}. */
    public CompletableFuture<byte[]> expectReply(String replySubject, String requestSubject, Duration timeout) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        // Registered before the timeout can fire, so that the removal on completion always finds it.
        byReplySubject.put(replySubject, new Pending(requestSubject, reply));
        reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((data, error) -> byReplySubject.remove(replySubject));
        return reply;
    }

    /** Completes the request waiting on {@code replySubject}, if it still waits. */
    public void reply(String replySubject, byte[] data) {
        Pending pending = byReplySubject.get(replySubject);
        if (pending != null) {
            pending.reply().complete(data);
        }
    }

    /** Fails the request waiting on {@code replySubject}, if it still waits, with a {@link NoRespondersException}. */
    public void noResponders(String replySubject) {
        Pending pending = byReplySubject.get(replySubject);
        if (pending != null) {
            pending.reply().completeExceptionally(new NoRespondersException(pending.requestSubject()));
        }
    }

    /** Fails every waiting request with a TimeoutException, when the bus closes. */
    public void busClosed() {
        byReplySubject.values().forEach(pending -> pending.reply().completeExceptionally(new TimeoutException("bus closed")));
    }

    private record Pending(String requestSubject, CompletableFuture<byte[]> reply) {
    }
}
