package io.jstan.broker.streaming;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.MessageStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A channel of the engine's model: its store, and its subscriptions indexed every way requests name them. */
final class Channel {
    final String name;
    final ChannelStore store;
    final ChannelLimits limits;

    /** Every subscription, online or not, by ID. */
    final Map<Long, Subscription> subscriptions = new LinkedHashMap<>();
    /** Online subscriptions by ack inbox. */
    final Map<String, Subscription> byAckInbox = new HashMap<>();
    /** Durable subscribers (not queue members) by {@link Subscription#durableKey()}, online or not. */
    final Map<String, Subscription> durables = new HashMap<>();
    final Map<String, QueueGroup> queueGroups = new HashMap<>();
    /** Online subscriptions that are not queue members, in the order they started. */
    final List<Subscription> plain = new ArrayList<>();

    /** Serving only: when the channel last saw a message or a subscription change (nanoTime). */
    long lastActivity;
    /**
     * Serving only: the last sequence known durable, so the last that may be delivered. A message
     * applied but not yet synced would be lost by a crash; no subscriber sees it before then.
     */
    long deliverableUpTo;

    Channel(String name, ChannelStore store, ChannelLimits limits) {
        this.name = name;
        this.store = store;
        this.limits = limits;
        this.lastActivity = System.nanoTime();
        this.deliverableUpTo = store.messages().lastSequence();
    }

    MessageStore messages() {
        return store.messages();
    }

    boolean hasOnlineSubscriptions() {
        return !byAckInbox.isEmpty();
    }

    /** Finds an online subscription by its ack inbox, or by its inbox as older clients send. */
    Subscription online(String inboxOrAckInbox) {
        Subscription byAck = byAckInbox.get(inboxOrAckInbox);
        if (byAck != null) {
            return byAck;
        }
        for (Subscription sub : byAckInbox.values()) {
            if (sub.inbox.equals(inboxOrAckInbox)) {
                return sub;
            }
        }
        return null;
    }

    /** The queue group of that name, created when it does not exist. */
    QueueGroup queueGroup(String name, boolean durable) {
        return queueGroups.computeIfAbsent(name, n -> new QueueGroup(n, durable));
    }

    /** Indexes a subscription that can receive (once ready). */
    void addOnline(Subscription sub) {
        subscriptions.put(sub.id, sub);
        byAckInbox.put(sub.ackInbox, sub);
        if (sub.group != null) {
            if (sub.group.shadow == sub) {
                sub.group.shadow = null;
            }
            if (!sub.group.members.contains(sub)) {
                sub.group.members.add(sub);
            }
        } else if (!plain.contains(sub)) {
            plain.add(sub);
        }
        if (sub.isDurableSubscriber()) {
            durables.put(sub.durableKey(), sub);
        }
    }

    /** Indexes a subscription kept while nobody receives from it: a closed durable, or a shadow. */
    void addOffline(Subscription sub) {
        subscriptions.put(sub.id, sub);
        if (sub.group != null) {
            sub.group.shadow = sub;
        } else if (sub.isDurableSubscriber()) {
            durables.put(sub.durableKey(), sub);
        }
    }

    /** Stops a subscription from receiving; it stays known by ID. */
    void takeOffline(Subscription sub) {
        byAckInbox.remove(sub.ackInbox, sub);
        plain.remove(sub);
        if (sub.group != null) {
            sub.group.members.remove(sub);
        }
    }

    /** Forgets a subscription entirely, and its queue group when that has nobody left. */
    void remove(Subscription sub) {
        takeOffline(sub);
        subscriptions.remove(sub.id);
        if (sub.isDurableSubscriber()) {
            durables.remove(sub.durableKey(), sub);
        }
        QueueGroup group = sub.group;
        if (group != null) {
            if (group.shadow == sub) {
                group.shadow = null;
            }
            if (group.members.isEmpty() && group.shadow == null) {
                queueGroups.remove(group.name, group);
            }
        }
    }
}
