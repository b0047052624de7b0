package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

/** Something that receives the messages of its subscriptions: a client connection or an in-process handler. */
interface Subscriber {
    /**
     * Delivers one message. {@code message} holds the headers (the first {@code headerLength}
     * bytes, 0 when there are none) followed by the payload; it is only read, never released.
     */
    void deliver(Subscription subscription, String subject, String reply, ByteBuf message, int headerLength);

    /** Whether this subscriber wants messages it published itself (CONNECT's echo). */
    boolean echo();

    /** The subscription reached its UNSUB count and was taken out of the router. */
    void ended(Subscription subscription);

    /** Whether this is another server of the cluster, whose subscriptions stand for its interest. */
    default boolean isRoute() {
        return false;
    }
}
