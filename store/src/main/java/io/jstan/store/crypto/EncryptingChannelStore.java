package io.jstan.store.crypto;

import io.jstan.store.ChannelStore;
import io.jstan.store.MessageStore;
import io.jstan.store.SubscriptionStore;

/** A channel with its messages encrypted ({@link EncryptingMessageStore}); its subscriptions are the wrapped channel's. */
record EncryptingChannelStore(ChannelStore stored, MessageStore messages) implements ChannelStore {

    @Override
    public String name() {
        return stored.name();
    }

    @Override
    public SubscriptionStore subscriptions() {
        return stored.subscriptions();
    }
}
