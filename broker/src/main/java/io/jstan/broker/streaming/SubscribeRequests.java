package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.nats.Subjects;
import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.SubscriptionCreate;
import io.jstan.store.proto.StartPosition;
import io.jstan.store.proto.SubState;
import io.jstan.store.proto.SubscriptionRequest;
import io.jstan.store.proto.SubscriptionResponse;
import io.nats.client.NUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Subscription requests: a new subscription, a durable that comes back, or a member joining a
 * queue group (taking over a durable group's shadow when the group has no member). With
 * --replace_durable, a durable still online is closed and resumed by the request, as
 * nats-streaming-server does, rather than refused as a duplicate: its client's old subscription
 * gets nothing more, and what it left unacknowledged goes to the new one. The response carries
 * the ack inbox; delivery starts after it.
 */
final class SubscribeRequests {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeRequests.class);

    private final StreamingState state;
    private final StateChanges stateChanges;
    private final StartPositions startPositions;
    private final Delivery delivery;
    private final SentAndAckedRecorder recorder;
    private final Replies replies;
    private final boolean replaceDurable;

    SubscribeRequests(StreamingState state, StateChanges stateChanges, StartPositions startPositions, Delivery delivery,
                      SentAndAckedRecorder recorder, Replies replies, boolean replaceDurable) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.startPositions = startPositions;
        this.delivery = delivery;
        this.recorder = recorder;
        this.replies = replies;
        this.replaceDurable = replaceDurable;
    }

    void onMessage(String subject, String reply, byte[] data) {
        SubscriptionRequest request;
        try {
            request = SubscriptionRequest.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Invalid subscription request from {}: {}", subject, e.getMessage());
            refuse(reply, StanError.INVALID_SUB_REQUEST);
            return;
        }
        String refusal = invalidity(request);
        if (refusal != null) {
            LOG.error("[Client:{}] Invalid subscription request on {}: {}", request.getClientID(), request.getSubject(), refusal);
            refuse(reply, refusal);
            return;
        }
        synchronized (state) {
            SubState subscription;
            Subscription replaced;
            try {
                replaced = onlineDurableToReplace(request);
                subscription = decide(request, replaced);
            } catch (StanError e) {
                LOG.error("[Client:{}] Unable to create subscription on {}: {}", request.getClientID(), request.getSubject(), e.getMessage());
                refuse(reply, e.getMessage());
                return;
            }
            if (replaced != null) {
                // As for a close: nothing more goes to the old subscription, and what it was sent or acked is recorded first.
                replaced.leaving = true;
                recorder.submitCollected();
            }
            Operation create = Operation.newBuilder()
                    .setSubscriptionCreate(SubscriptionCreate.newBuilder().setChannel(request.getSubject()).setState(subscription)
                            .setReplaceDurable(replaced != null))
                    .build();
            stateChanges.submit(create).whenComplete((done, failure) -> created(request, subscription, reply, failure));
        }
    }

    private static String invalidity(SubscriptionRequest request) {
        if (request.getClientID().isEmpty()) {
            return StanError.MISSING_CLIENT;
        }
        if (request.getAckWaitInSecs() <= 0) {
            return StanError.INVALID_ACK_WAIT;
        }
        if (request.getMaxInFlight() <= 0) {
            return StanError.INVALID_MAX_INFLIGHT;
        }
        if (request.getStartPosition() == StartPosition.UNRECOGNIZED) {
            return StanError.INVALID_START;
        }
        if (!ChannelNames.isValid(request.getSubject())) {
            return StanError.INVALID_SUBJECT;
        }
        if (!Subjects.isValidLiteralSubject(request.getInbox())) {
            return StanError.INVALID_SUB_REQUEST;
        }
        if (!request.getQGroup().isEmpty() && request.getDurableName().contains(":")) {
            return StanError.INVALID_DURABLE_NAME;
        }
        return null;
    }

    /**
     * The durable, still online, that the request names, when --replace_durable lets the request
     * take its place; otherwise null.
     */
    private Subscription onlineDurableToReplace(SubscriptionRequest request) {
        Channel channel = state.channel(request.getSubject());
        if (!replaceDurable || channel == null || request.getDurableName().isEmpty() || !request.getQGroup().isEmpty()) {
            return null;
        }
        Subscription durable = channel.durables.get(Subscription.durableKey(request.getClientID(), request.getDurableName()));
        return durable != null && !durable.closed ? durable : null;
    }

    /** What the subscription will be: its ID, its position and its ack inbox; {@code replaced} is resumed, though online. */
    private SubState decide(SubscriptionRequest request, Subscription replaced) {
        if (!state.clients.containsKey(request.getClientID())) {
            throw new StanError(StanError.UNKNOWN_CLIENT);
        }
        Channel channel = state.channel(request.getSubject());
        boolean queue = !request.getQGroup().isEmpty();
        boolean durable = !request.getDurableName().isEmpty();
        String queueName = queue && durable ? request.getDurableName() + ":" + request.getQGroup() : request.getQGroup();
        Subscription resumed = null;
        boolean startsAtPosition = true;
        if (queue) {
            QueueGroup group = channel == null ? null : channel.queueGroups.get(queueName);
            if (group != null) {
                resumed = group.shadow;
                startsAtPosition = false;
            }
        } else if (durable && channel != null) {
            resumed = channel.durables.get(Subscription.durableKey(request.getClientID(), request.getDurableName()));
            if (resumed != null && !resumed.closed && resumed != replaced) {
                throw new StanError(StanError.DUPLICATE_DURABLE);
            }
        }
        long id = resumed != null ? resumed.id : state.nextSubscriptionId++;
        long lastSent = resumed != null ? resumed.lastSent : startsAtPosition ? startPositions.lastSentBefore(channel, request) : 0;
        return SubState.newBuilder()
                .setID(id)
                .setClientID(request.getClientID())
                .setQGroup(queueName)
                .setInbox(request.getInbox())
                .setAckInbox(state.info.getAcksSubs() + "." + NUID.nextGlobal())
                .setMaxInFlight(request.getMaxInFlight())
                .setAckWaitInSecs(request.getAckWaitInSecs())
                .setDurableName(queue ? "" : request.getDurableName())
                .setLastSent(lastSent)
                .setIsDurable(durable)
                .build();
    }

    private void created(SubscriptionRequest request, SubState subscription, String reply, Throwable failure) {
        if (failure != null) {
            LOG.error("[Client:{}] Unable to create subscription on {}: {}", request.getClientID(), request.getSubject(),
                    failure.getMessage());
            refuse(reply, StanError.textOf(failure));
            return;
        }
        // Answered and started under the lock: no message can be offered between the client's learning of the
        // subscription and its being ready, which would pass it over (a queue group would give its share to others).
        synchronized (state) {
            replies.send(reply, SubscriptionResponse.newBuilder().setAckInbox(subscription.getAckInbox()).build());
            Channel channel = state.channel(request.getSubject());
            Subscription sub = channel == null ? null : channel.subscriptions.get(subscription.getID());
            if (sub != null && sub.ackInbox.equals(subscription.getAckInbox())) {
                channel.lastActivity = System.nanoTime();
                LOG.debug("[Client:{}] Started subscription {} on {} (durable={}, queue={}, lastSent={})", sub.clientId,
                        sub.id, channel.name, sub.durableName, sub.queueName, sub.lastSent);
                delivery.start(sub);
            }
        }
    }

    private void refuse(String reply, String error) {
        replies.send(reply, SubscriptionResponse.newBuilder().setError(error).build());
    }
}
