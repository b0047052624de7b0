package io.jstan.store;

/** One channel of a {@link Store}: its messages and its subscriptions. */
public interface ChannelStore {

    String name();

    MessageStore messages();

    SubscriptionStore subscriptions();
}
