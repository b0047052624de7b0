package io.jstan.store.sql;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;

record SqlChannelStore(String name, int id, ChannelLimits limits, SqlMessageStore messages,
        SqlSubscriptionStore subscriptions) implements ChannelStore {
}
