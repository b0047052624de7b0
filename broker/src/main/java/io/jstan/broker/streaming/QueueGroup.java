package io.jstan.broker.streaming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue group of one channel: each message goes to one member. A durable group that loses its
 * last member by a close keeps its position in a shadow subscription, which the next member
 * takes over.
 */
final class QueueGroup {
    final String name;
    final boolean durable;
    /**
     * The online members. On the serving node their order also decides which member gets a
     * message when members tie, and {@link Delivery} changes it as it serves: nothing applied may
     * depend on it.
     */
    final List<Subscription> members = new ArrayList<>();
    final Map<Long, Integer> redeliveries = new HashMap<>();
    long lastSent;
    Subscription shadow;

    QueueGroup(String name, boolean durable) {
        this.name = name;
        this.durable = durable;
    }
}
