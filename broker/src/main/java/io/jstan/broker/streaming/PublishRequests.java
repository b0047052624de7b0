package io.jstan.broker.streaming;

import com.google.protobuf.CodedInputStream;
import io.jstan.raft.NotLeaderException;
import io.jstan.raft.StateChanges;
import io.jstan.raft.StoreUnavailableException;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.PublishBatch;
import io.jstan.store.StoreException;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.PubAck;
import io.jstan.store.proto.PubMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Published messages: each is given its sequence and timestamp, stored, then acknowledged to the
 * publisher; once its batch is stored, the channels that grew offer their new messages to their
 * subscriptions, once per batch. Messages of one connection arrive in order and are submitted in
 * that order, so they are stored in that order.
 */
final class PublishRequests {
    private static final Logger LOG = LoggerFactory.getLogger(PublishRequests.class);

    private final StreamingState state;
    private final StateChanges stateChanges;
    private final ChannelSequencer sequencer;
    private final Delivery delivery;
    private final Replies replies;
    private final StreamingStats stats;
    /** Channels with messages made durable since the end of the last batch, with the last such sequence. */
    private final Map<String, Long> grown = new ConcurrentHashMap<>();

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
            // The bus hands over an array of its own: the payload can stay in it rather than be copied.
            CodedInputStream input = CodedInputStream.newInstance(data);
            input.enableAliasing(true);
            published = PubMsg.parseFrom(input);
        } catch (IOException e) {
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
            MsgProto.Builder numbered;
            try {
                numbered = sequencer.next(channelName);
            } catch (StoreException e) {
                // The store cannot say where the channel ends: it failed, which was told where it did.
                refuse(reply, published.getGuid(), StanError.textOf(e));
                return;
            }
            MsgProto message = numbered
                    .setSubject(channelName)
                    .setReply(published.getReply())
                    .setData(published.getData())
                    .build();
            Operation publish = Operation.newBuilder()
                    .setPublish(PublishBatch.newBuilder().setChannel(channelName).addMessages(message))
                    .build();
            CompletableFuture<Void> done = stateChanges.submit(publish).whenComplete((ok, failure) ->
                    stored(channelName, message.getSequence(), reply, published.getGuid(), failure));
            if (done.isDone()) {
                // Stored before this callback was attached: its batch is over, and delivery with it.
                deliverToGrownChannels();
            }
        }
    }

    private void stored(String channelName, long sequence, String reply, String guid, Throwable failure) {
        if (failure != null) {
            if (NotLeaderException.causedBy(failure) || StoreUnavailableException.causedBy(failure)) {
                LOG.debug("Could not store a message on {}: {}", channelName, failure.getMessage());
            } else {
                LOG.error("Could not store a message on {}: {}", channelName, failure.getMessage());
            }
            synchronized (state) {
                sequencer.forget(channelName);
            }
            refuse(reply, guid, StanError.textOf(failure));
            return;
        }
        replies.send(reply, PubAck.newBuilder().setGuid(guid).build());
        grown.merge(channelName, sequence, Math::max);
    }

    /** After each batch: the channels that grew offer their new messages. */
    void deliverToGrownChannels() {
        if (grown.isEmpty()) {
            return;
        }
        synchronized (state) {
            long now = System.nanoTime();
            for (String name : grown.keySet()) {
                Long durable = grown.remove(name);
                Channel channel = state.channel(name);
                if (durable != null && channel != null) {
                    channel.lastActivity = now;
                    channel.deliverableUpTo = Math.max(channel.deliverableUpTo, durable);
                    delivery.deliver(channel);
                }
            }
        }
    }

    private void refuse(String reply, String guid, String error) {
        replies.send(reply, PubAck.newBuilder().setGuid(guid).setError(error).build());
    }
}
