package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.store.proto.Ack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Acks on the subscriptions' ack inboxes: each frees a place in its subscription's window. */
final class AckMessages {
    private static final Logger LOG = LoggerFactory.getLogger(AckMessages.class);

    private final StreamingState state;
    private final Delivery delivery;

    AckMessages(StreamingState state, Delivery delivery) {
        this.state = state;
        this.delivery = delivery;
    }

    void onMessage(String subject, String reply, byte[] data) {
        Ack ack;
        try {
            ack = Ack.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.debug("Unable to unmarshal Ack on {}: {}", subject, e.getMessage());
            return;
        }
        synchronized (state) {
            Channel channel = state.channel(ack.getSubject());
            Subscription sub = channel == null ? null : channel.byAckInbox.get(subject);
            if (sub == null) {
                LOG.debug("Ack of {} on {} for no known subscription ({})", ack.getSequence(), ack.getSubject(), subject);
                return;
            }
            delivery.acknowledged(sub, ack.getSequence());
        }
    }
}
