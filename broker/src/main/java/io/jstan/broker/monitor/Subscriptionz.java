package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jstan.broker.streaming.SubscriptionView;

/**
 * A streaming subscription in /streaming/clientsz and /streaming/channelsz, with nats-streaming-server's
 * field names; an offline durable keeps the ID of the client that last had it. queue_name is as stored:
 * "durable:group" for a durable queue group.
 */
record Subscriptionz(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("inbox") String inbox,
        @JsonProperty("ack_inbox") String ackInbox,
        @JsonProperty("durable_name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String durableName,
        @JsonProperty("queue_name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String queueName,
        @JsonProperty("is_durable") boolean durable,
        @JsonProperty("is_offline") boolean offline,
        @JsonProperty("max_inflight") int maxInflight,
        @JsonProperty("ack_wait") int ackWaitSeconds,
        @JsonProperty("last_sent") long lastSent,
        @JsonProperty("pending_count") int pendingCount,
        @JsonProperty("is_stalled") boolean stalled) {

    static Subscriptionz of(SubscriptionView sub) {
        return new Subscriptionz(sub.clientId(), sub.inbox(), sub.ackInbox(), sub.durableName(), sub.queueName(),
                sub.durable(), sub.offline(), sub.maxInFlight(), sub.ackWaitSeconds(), sub.lastSent(),
                sub.pendingCount(), sub.stalled());
    }
}
