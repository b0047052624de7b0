package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The waits, drains and payload conversions the jnats client scenarios share. Every wait is a
 * condition with a deadline ({@link #WAIT}), which a passing test never runs into.
 */
public final class ClientWaits {
    /** How long a client waits for what should come; only a failing test waits it out. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private ClientWaits() {
    }

    /** A condition to wait for; it may read through I/O (an HTTP endpoint, a log file). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} at the deadline of {@link #WAIT}. */
    public static void await(Condition condition, String what) {
        await(WAIT, condition, () -> what);
    }

    /** Polls {@code condition} until it holds; fails at {@code timeout} with what {@code what} says then. */
    public static void await(Duration timeout, Condition condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting until " + what.get());
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    private static boolean holds(Condition condition) {
        try {
            return condition.holds();
        } catch (Exception e) {
            throw new AssertionError("checking a condition failed", e);
        }
    }

    /** A PING round trip on each connection: all the server routed to them before has arrived. */
    public static void flushAll(Connection... connections) throws TimeoutException, InterruptedException {
        for (Connection c : connections) {
            c.flush(WAIT);
        }
    }

    /** The next message on {@code sub}, failing with {@code what} if none comes in time. */
    public static Message next(Subscription sub, String what) throws InterruptedException {
        Message message = sub.nextMessage(WAIT);
        assertNotNull(message, what + " did not arrive within " + WAIT);
        return message;
    }

    /** The subjects of the messages received up to and including the one whose payload is {@code last}. */
    public static List<String> subjectsUntil(Subscription sub, String last) throws InterruptedException {
        List<String> subjects = new ArrayList<>();
        Message message;
        do {
            message = next(sub, "a message after " + subjects);
            subjects.add(message.getSubject());
        } while (!text(message).equals(last));
        return subjects;
    }

    /** Takes the messages already queued on {@code sub}, adding their payloads to {@code into}; returns how many. */
    public static int drain(Subscription sub, Set<String> into) throws InterruptedException {
        long queued = sub.getPendingMessageCount();
        for (long i = 0; i < queued; i++) {
            into.add(text(sub.nextMessage(WAIT)));
        }
        return (int) queued;
    }

    /** Publishes, flushing now and then so that jnats's outgoing queue never fills up. */
    public static void publishInBatches(Connection publisher, String subject, int count, byte[] payload) {
        try {
            for (int i = 0; i < count; i++) {
                publisher.publish(subject, payload);
                if (i % 500 == 499) {
                    publisher.flush(WAIT);
                }
            }
            publisher.flush(WAIT);
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("the server stopped taking messages", e);
        }
    }

    /** Subscribes to {@code subject}, publishes {@code payload} to it and sees it come back on the same connection. */
    public static void assertRoundTrip(Connection nc, String subject, String payload) throws Exception {
        Subscription sub = nc.subscribe(subject);
        nc.publish(subject, bytes(payload));

        assertEquals(payload, text(next(sub, "the message on " + subject)));
        sub.unsubscribe();
        nc.flush(WAIT);
        assertEquals(Connection.Status.CONNECTED, nc.getStatus());
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }
}
