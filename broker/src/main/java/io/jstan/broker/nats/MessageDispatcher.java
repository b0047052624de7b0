package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fans one message out to the matching subscriptions: every plain subscription, and one member
 * of each queue group, chosen at random (a route's member weighs as many as the group has members
 * on that server, so every member in the cluster is as likely). A message published here crosses
 * each route with interest once, naming the queue groups that server was picked for; a message
 * that came over a route goes to this server's subscribers only, so it never loops.
 * Honours echo and UNSUB counts.
 */
final class MessageDispatcher {
    private final SubjectRouter router;

    MessageDispatcher(SubjectRouter router) {
        this.router = router;
    }

    /**
     * A message from a client or an in-process publisher, to the subscriptions its own cache matched;
     * false when nothing anywhere has interest (for no_responders).
     */
    boolean dispatch(Subscriber publisher, PublisherMatchCache matches, String subject, String reply, ByteBuf message,
                     int headerLength) {
        SubjectRouter.Match match = matches.match(subject);
        if (match.isEmpty()) {
            return false;
        }
        for (Subscription subscription : match.plain()) {
            if (subscription.subscriber() != publisher || publisher.echo()) {
                deliver(subscription, subject, reply, message, headerLength);
            }
        }
        RouteFanout fanout = null;
        for (Subscription[] group : match.queueGroups()) {
            Subscription routeMember = deliverToOneOf(group, publisher, subject, reply, message, headerLength);
            if (routeMember != null) {
                if (fanout == null) {
                    fanout = new RouteFanout(match.routes());
                }
                fanout.pickedFor(route(routeMember), routeMember.queue());
            }
        }
        if (fanout != null) {
            fanout.forward(subject, reply, message, headerLength);
        } else {
            for (Subscription interest : match.routes()) {
                route(interest).forward(subject, reply, List.of(), message, headerLength);
            }
        }
        return true;
    }

    /** A message from another server: this server's plain subscribers, and one local member of each group in {@code queues}. */
    void dispatchFromRoute(PublisherMatchCache matches, String subject, String reply, String[] queues, ByteBuf message,
                           int headerLength) {
        SubjectRouter.Match match = matches.match(subject);
        for (Subscription subscription : match.plain()) {
            deliver(subscription, subject, reply, message, headerLength);
        }
        if (queues.length == 0) {
            return;
        }
        for (Subscription[] group : match.queueGroups()) {
            if (contains(queues, group[0].queue())) {
                deliverToOneLocalOf(group, subject, reply, message, headerLength);
            }
        }
    }

    /**
     * Delivers to one member of the group, picked at random by weight; returns the member instead
     * when it is a route's (the message is then forwarded with the group's name), else null.
     */
    private Subscription deliverToOneOf(Subscription[] group, Subscriber publisher, String subject, String reply,
                                        ByteBuf message, int headerLength) {
        int start = group.length == 1 ? 0 : weightedPick(group);
        for (int i = 0; i < group.length; i++) {
            Subscription member = group[(start + i) % group.length];
            if (member.subscriber().isRoute()) {
                return member;
            }
            if (member.subscriber() == publisher && !publisher.echo()) {
                continue;
            }
            if (deliver(member, subject, reply, message, headerLength)) {
                return null;
            }
        }
        return null;
    }

    private void deliverToOneLocalOf(Subscription[] group, String subject, String reply, ByteBuf message,
                                     int headerLength) {
        int start = group.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(group.length);
        for (int i = 0; i < group.length; i++) {
            Subscription member = group[(start + i) % group.length];
            if (!member.subscriber().isRoute() && deliver(member, subject, reply, message, headerLength)) {
                return;
            }
        }
    }

    /** The index of a member, each member as likely as its weight. */
    private static int weightedPick(Subscription[] group) {
        int total = 0;
        for (Subscription member : group) {
            total += member.weight();
        }
        int ticket = ThreadLocalRandom.current().nextInt(Math.max(total, 1));
        for (int i = 0; i < group.length; i++) {
            ticket -= group[i].weight();
            if (ticket < 0) {
                return i;
            }
        }
        return group.length - 1;
    }

    private boolean deliver(Subscription subscription, String subject, String reply, ByteBuf message,
                            int headerLength) {
        if (!subscription.claimDelivery()) {
            return false;
        }
        if (subscription.isExhausted()) {
            // Removed before the last message goes out, so that whoever receives it finds the subscription gone.
            router.remove(subscription);
            subscription.subscriber().ended(subscription);
        }
        subscription.subscriber().deliver(subscription, subject, reply, message, headerLength);
        return true;
    }

    private static RouteConnection route(Subscription subscription) {
        return (RouteConnection) subscription.subscriber();
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
