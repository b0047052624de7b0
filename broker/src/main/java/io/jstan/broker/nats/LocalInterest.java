package io.jstan.broker.nats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this server's own subscribers (clients and in-process) want, told to every route as
 * nats-server does: {@code RS+ $G subject} when a subject gains its first plain subscription and
 * {@code RS- $G subject} when it loses its last; for a queue group, {@code RS+ $G subject queue n}
 * whenever its number of members n changes, and {@code RS-} when it reaches 0. A new route gets
 * the whole picture at once. One lock orders the counts and what is sent, so that every route
 * sees the changes in the order they were counted.
 */
final class LocalInterest implements SubjectRouter.InterestListener {
    private final Map<String, Interest> interests = new HashMap<>();
    private final List<RouteConnection> routes = new ArrayList<>();

    private static final class Interest {
        final String subject;
        final String queue;
        int count;

        Interest(String subject, String queue) {
            this.subject = subject;
            this.queue = queue;
        }
    }

    @Override
    public synchronized void added(Subscription subscription) {
        Interest interest = interests.computeIfAbsent(key(subscription),
                k -> new Interest(subscription.subject(), subscription.queue()));
        interest.count++;
        if (interest.queue != null || interest.count == 1) {
            routes.forEach(route -> route.sendInterest(interest.subject, interest.queue, interest.count));
        }
    }

    @Override
    public synchronized void removed(Subscription subscription) {
        String key = key(subscription);
        Interest interest = interests.get(key);
        if (interest == null) {
            return;
        }
        interest.count--;
        if (interest.count == 0) {
            interests.remove(key);
            routes.forEach(route -> route.sendNoInterest(interest.subject, interest.queue));
        } else if (interest.queue != null) {
            routes.forEach(route -> route.sendInterest(interest.subject, interest.queue, interest.count));
        }
    }

    /** Sends the route everything this server has interest in, and keeps it informed from now on. */
    synchronized void addRoute(RouteConnection route) {
        interests.values().forEach(interest -> route.sendInterest(interest.subject, interest.queue, interest.count));
        routes.add(route);
    }

    synchronized void removeRoute(RouteConnection route) {
        routes.remove(route);
    }

    private static String key(Subscription subscription) {
        return subscription.queue() == null ? subscription.subject() : subscription.subject() + " " + subscription.queue();
    }
}
