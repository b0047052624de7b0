package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fans one published message out to the matching subscriptions: every plain subscription,
 * and one member, chosen at random, of each queue group. Honours echo and UNSUB counts.
 */
final class MessageDispatcher {
    private final SubjectRouter router;

    MessageDispatcher(SubjectRouter router) {
        this.router = router;
    }

    /** Returns false when no subscription matches the subject at all (for no_responders). */
    boolean dispatch(Subscriber publisher, String subject, String reply, ByteBuf message, int headerLength) {
        SubjectRouter.Match match = router.match(subject);
        if (match.isEmpty()) {
            return false;
        }
        for (Subscription subscription : match.plain()) {
            if (subscription.subscriber() != publisher || publisher.echo()) {
                deliver(subscription, subject, reply, message, headerLength);
            }
        }
        for (Subscription[] group : match.queueGroups()) {
            deliverToOneOf(group, publisher, subject, reply, message, headerLength);
        }
        return true;
    }

    private void deliverToOneOf(Subscription[] group, Subscriber publisher, String subject, String reply,
                                ByteBuf message, int headerLength) {
        int start = group.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(group.length);
        for (int i = 0; i < group.length; i++) {
            Subscription member = group[(start + i) % group.length];
            if (member.subscriber() == publisher && !publisher.echo()) {
                continue;
            }
            if (deliver(member, subject, reply, message, headerLength)) {
                return;
            }
        }
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
}
