package io.jstan.store.memory;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;

record MemoryChannelStore(String name, ChannelLimits limits, MemoryMessageStore messages,
        MemorySubscriptionStore subscriptions) implements ChannelStore {

    MemoryChannelStore(String name, ChannelLimits limits) {
        this(name, limits, new MemoryMessageStore(name, limits), new MemorySubscriptionStore(limits.maxSubscriptions()));
    }
}
