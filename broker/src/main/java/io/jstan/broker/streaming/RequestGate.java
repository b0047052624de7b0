package io.jstan.broker.streaming;

import io.jstan.broker.bus.MessageHandler;
import io.jstan.broker.nats.Subjects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The requests on the streaming subjects, on their way to their handlers: passed on as they come,
 * or held, in the order they came, while leadership moves from one node to the next. The node
 * leaving hands what it held to the next one, which passes that on before what it held itself.
 */
final class RequestGate {
    /** A request as it came: subject, reply subject (null for none) and payload. */
    record Request(String subject, String reply, byte[] data) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Request that && subject.equals(that.subject) && Objects.equals(reply, that.reply)
                    && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, reply) * 31 + Arrays.hashCode(data);
        }
    }

    private record Route(String pattern, MessageHandler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final LinkedList<Request> held = new LinkedList<>();
    private boolean holding;
    /** Counts {@link #hold()} calls: one that comes while {@link #open} passes requests on wins over it. */
    private long holds;
    /** Requests passed on as they came whose handlers have not returned yet. */
    private int passing;

    RequestGate(boolean holding) {
        this.holding = holding;
    }

    /** The handler for a subscription on {@code pattern}: its requests pass through the gate to {@code handler}. */
    MessageHandler route(String pattern, MessageHandler handler) {
        routes.add(new Route(pattern, handler));
        return (subject, reply, data) -> offer(new Request(subject, reply, data), handler);
    }

    /** A request that came on the subscription of {@code handler}, which takes it unless it is held. */
    private void offer(Request request, MessageHandler handler) {
        synchronized (this) {
            if (holding) {
                held.add(request);
                return;
            }
            passing++;
        }
        try {
            handler.onMessage(request.subject(), request.reply(), request.data());
        } finally {
            synchronized (this) {
                if (--passing == 0) {
                    notifyAll();
                }
            }
        }
    }

    /**
     * Gives a request that was held, or handed over by another node, to the handler of the first
     * route whose pattern its subject matches.
     */
    void pass(Request request) {
        for (Route route : routes) {
            if (Subjects.matches(route.pattern, request.subject())) {
                route.handler.onMessage(request.subject(), request.reply(), request.data());
                return;
            }
        }
    }

    /**
     * Holds the requests that come from now on, and returns once the handlers of those passed on
     * before have returned: what they submit comes before anything submitted after.
     */
    synchronized void hold() throws InterruptedException {
        holding = true;
        holds++;
        while (passing > 0) {
            wait();
        }
    }

    /** Holds {@code requests} before what is held already: ones that came before them. */
    synchronized void holdFirst(List<Request> requests) {
        held.addAll(0, requests);
    }

    /** Takes what was held so far; the gate goes on holding. */
    synchronized List<Request> takeHeld() {
        List<Request> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    /**
     * Passes on {@code first} (what the node before held), then what this gate held, then opens:
     * requests pass as they come. What both nodes received while both listened is in both lists:
     * it is held once, so that it is passed once, here or (if a {@link #hold()} stops this, leaving
     * the rest held in order) by the node it is handed to next.
     */
    void open(List<Request> first) {
        long holdsBefore;
        synchronized (this) {
            holdsBefore = holds;
            Set<Request> once = new LinkedHashSet<>(first);
            once.addAll(held);
            held.clear();
            held.addAll(once);
        }
        while (true) {
            Request next;
            synchronized (this) {
                if (holds != holdsBefore) {
                    return;
                }
                if (held.isEmpty()) {
                    holding = false;
                    return;
                }
                next = held.remove(0);
            }
            pass(next);
        }
    }
}
