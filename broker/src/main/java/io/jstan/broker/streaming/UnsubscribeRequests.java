package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.SubscriptionClose;
import io.jstan.raft.ops.SubscriptionRemove;
import io.jstan.store.proto.SubscriptionResponse;
import io.jstan.store.proto.UnsubscribeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to unsubscribe (the subscription's state is deleted, durable or not) or to close a
 * subscription (a durable keeps its state for the next subscriber). Both carry an
 * UnsubscribeRequest and get a SubscriptionResponse.
 */
final class UnsubscribeRequests {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeRequests.class);

    private final StreamingState state;
    private final StateChanges stateChanges;
    private final SentAndAckedRecorder recorder;
    private final Delivery delivery;
    private final Replies replies;

    UnsubscribeRequests(StreamingState state, StateChanges stateChanges, SentAndAckedRecorder recorder, Delivery delivery,
                        Replies replies) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.recorder = recorder;
        this.delivery = delivery;
        this.replies = replies;
    }

    void onUnsubscribe(String subject, String reply, byte[] data) {
        handle(reply, data, false);
    }

    void onClose(String subject, String reply, byte[] data) {
        handle(reply, data, true);
    }

    private void handle(String reply, byte[] data, boolean closeOnly) {
        String action = closeOnly ? "sub close" : "unsub";
        UnsubscribeRequest request;
        try {
            request = UnsubscribeRequest.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Invalid {} request: {}", action, e.getMessage());
            respond(reply, StanError.INVALID_UNSUB_REQUEST);
            return;
        }
        synchronized (state) {
            Channel channel = state.channel(request.getSubject());
            if (channel == null) {
                LOG.error("[Client:{}] {} request for unknown channel {}", request.getClientID(), action, request.getSubject());
                respond(reply, StanError.UNKNOWN_CHANNEL);
                return;
            }
            Subscription sub = channel.online(request.getInbox());
            if (sub == null) {
                LOG.error("[Client:{}] {} request for unknown inbox {}", request.getClientID(), action, request.getInbox());
                respond(reply, StanError.INVALID_SUB);
                return;
            }
            if (!sub.clientId.equals(request.getClientID())) {
                LOG.error("[Client:{}] {} request for unknown client", request.getClientID(), action);
                respond(reply, StanError.UNKNOWN_CLIENT);
                return;
            }
            sub.leaving = true;
            recorder.submitCollected();
            Operation operation = closeOnly
                    ? Operation.newBuilder().setSubscriptionClose(SubscriptionClose.newBuilder()
                            .setChannel(channel.name).setSubscriptionId(sub.id)).build()
                    : Operation.newBuilder().setSubscriptionRemove(SubscriptionRemove.newBuilder()
                            .setChannel(channel.name).setSubscriptionId(sub.id)).build();
            stateChanges.submit(operation).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.error("[Client:{}] {} of subscription {} failed: {}", sub.clientId, action, sub.id, failure.getMessage());
                    respond(reply, StanError.textOf(failure));
                    return;
                }
                LOG.debug("[Client:{}] {} of subscription {} on {}", sub.clientId, action, sub.id, channel.name);
                respond(reply, null);
                synchronized (state) {
                    channel.lastActivity = System.nanoTime();
                    if (sub.group != null) {
                        delivery.regroup(sub.group);
                    }
                }
            });
        }
    }

    private void respond(String reply, String error) {
        SubscriptionResponse.Builder response = SubscriptionResponse.newBuilder();
        if (error != null) {
            response.setError(error);
        }
        replies.send(reply, response.build());
    }
}
