package io.jstan.broker.streaming;

/** What monitoring shows of a subscription, read at one moment. */
public record SubscriptionView(
        String channel,
        String clientId,
        String inbox,
        String ackInbox,
        String durableName,
        String queueName,
        boolean durable,
        boolean offline,
        int maxInFlight,
        int ackWaitSeconds,
        long lastSent,
        int pendingCount,
        boolean stalled) {

    static SubscriptionView of(Subscription sub) {
        return new SubscriptionView(sub.channel.name, sub.clientId, sub.inbox, sub.ackInbox, sub.durableName,
                sub.queueName, sub.durable, sub.closed, sub.maxInFlight, sub.ackWaitSeconds,
                sub.group != null ? Math.max(sub.lastSent, sub.group.lastSent) : sub.lastSent,
                sub.pending.size(), !sub.hasRoom());
    }
}
