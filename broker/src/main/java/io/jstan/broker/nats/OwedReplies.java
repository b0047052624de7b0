package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Answers to requests of clients that this server sent away as it leaves the mesh: a client that
 * reconnects to another server subscribes there again, and what was owed to it here crosses the
 * route to that server once its interest arrives. The client may then get an answer twice (once
 * directly), which requesters ignore; without this it might get none, and a streaming publish
 * whose PubAck was in flight would fail.
 */
final class OwedReplies {
    private record Owed(String subject, String reply, ByteBuf message, int headerLength) {
    }

    private final SubjectRouter router;
    private final List<Owed> owed = new ArrayList<>();
    private int forwarded;
    /** When the last answer was kept; 0 before any. */
    private long lastOwedNanos;

    OwedReplies(SubjectRouter router) {
        this.router = router;
    }

    /** Keeps a copy of an answer that the leaving client's connection can no longer take; any thread. */
    synchronized void owe(String subject, String reply, ByteBuf message, int headerLength) {
        owed.add(new Owed(subject, reply, Unpooled.copiedBuffer(message), headerLength));
        lastOwedNanos = System.nanoTime();
    }

    /** When the last answer was kept ({@link System#nanoTime}); 0 before any. */
    synchronized long lastOwedNanos() {
        return lastOwedNanos;
    }

    /** Sends every owed answer whose subject has interest across a route now; returns how many are still owed. */
    synchronized int forwardWhereInterested() {
        for (Iterator<Owed> it = owed.iterator(); it.hasNext(); ) {
            Owed answer = it.next();
            Subscription[] interest = router.match(answer.subject()).routes();
            if (interest.length == 0) {
                continue;
            }
            for (Subscription route : interest) {
                ((RouteConnection) route.subscriber()).forward(answer.subject(), answer.reply(), List.of(),
                        answer.message().duplicate(), answer.headerLength());
            }
            answer.message().release();
            it.remove();
            forwarded++;
        }
        return owed.size();
    }

    synchronized int forwarded() {
        return forwarded;
    }

    /** Drops what could not be forwarded; returns how many answers that was. */
    synchronized int dropRest() {
        int dropped = owed.size();
        owed.forEach(answer -> answer.message().release());
        owed.clear();
        return dropped;
    }
}
