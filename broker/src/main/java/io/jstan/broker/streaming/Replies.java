package io.jstan.broker.streaming;

import com.google.protobuf.MessageLite;
import io.jstan.broker.bus.Bus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends protocol replies; a request without a reply subject, or a reply that cannot go out, is only logged. */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final Bus bus;

    Replies(Bus bus) {
        this.bus = bus;
    }

    void send(String reply, MessageLite message) {
        if (reply == null || reply.isEmpty()) {
            LOG.debug("No reply subject for {}", message.getClass().getSimpleName());
            return;
        }
        try {
            bus.publish(reply, null, message.toByteArray());
        } catch (RuntimeException e) {
            LOG.debug("Could not reply on {}: {}", reply, e.getMessage());
        }
    }
}
