package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PublishBatch;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.PubAck;
import io.jstan.store.proto.PubMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published messages: each is given its sequence and timestamp, stored, then acknowledged to the
 * publisher and offered to the channel's subscriptions. Messages of one connection arrive in order
 * and are submitted in that order, so they are stored in that order.
 */
final class PublishRequests {
    private static final Logger LOG = LoggerFactory.getLogger(PublishRequests.class);

    private final StreamingState state;
    private final StateChanges stateChanges;
    private final ChannelSequencer sequencer;
    private final Delivery delivery;
    private final Replies replies;
    private final StreamingStats stats;

    PublishRequests(StreamingState state, StateChanges stateChanges, ChannelSequencer sequencer, Delivery delivery,
                    Replies replies, StreamingStats stats) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.sequencer = sequencer;
        this.delivery = delivery;
        this.replies = replies;
        this.stats = stats;
    }

    void onMessage(String subject, String reply, byte[] data) {
        PubMsg published;
        try {
            published = PubMsg.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Unable to unmarshal PubMsg: {}", e.getMessage());
            refuse(reply, "", StanError.INVALID_PUBLISH_REQUEST);
            return;
        }
        stats.received(data.length);
        String channelName = published.getSubject();
        if (published.getGuid().isEmpty() || !ChannelNames.isValid(channelName)) {
            LOG.error("[Client:{}] Received invalid publish message: guid={} subject={}", published.getClientID(),
                    published.getGuid(), channelName);
            refuse(reply, published.getGuid(), StanError.INVALID_PUBLISH_REQUEST);
            return;
        }
        if (StreamingTrace.LOG.isTraceEnabled()) {
            StreamingTrace.LOG.trace("[Client:{}] Received message from publisher subj={} guid={}", published.getClientID(),
                    channelName, published.getGuid());
        }
        synchronized (state) {
            Client client = state.clients.get(published.getClientID());
            if (client == null || !(published.getConnID().isEmpty() || published.getConnID().equals(client.info.getConnID()))) {
                LOG.error("[Client:{}] Received publish message from an unknown client: guid={}", published.getClientID(),
                        published.getGuid());
                refuse(reply, published.getGuid(), StanError.INVALID_PUBLISH_REQUEST);
                return;
            }
            MsgProto message = sequencer.next(channelName)
                    .setSubject(channelName)
                    .setReply(published.getReply())
                    .setData(published.getData())
                    .build();
            Operation publish = Operation.newBuilder()
                    .setPublish(PublishBatch.newBuilder().setChannel(channelName).addMessages(message))
                    .build();
            stateChanges.submit(publish).whenComplete((done, failure) -> stored(channelName, reply, published.getGuid(), failure));
        }
    }

    private void stored(String channelName, String reply, String guid, Throwable failure) {
        if (failure != null) {
            LOG.error("Could not store a message on {}: {}", channelName, failure.getMessage());
            synchronized (state) {
                sequencer.forget(channelName);
            }
            refuse(reply, guid, StanError.textOf(failure));
            return;
        }
        replies.send(reply, PubAck.newBuilder().setGuid(guid).build());
        synchronized (state) {
            Channel channel = state.channel(channelName);
            if (channel != null) {
                channel.lastActivity = System.nanoTime();
                delivery.deliver(channel);
            }
        }
    }

    private void refuse(String reply, String guid, String error) {
        replies.send(reply, PubAck.newBuilder().setGuid(guid).setError(error).build());
    }
}
