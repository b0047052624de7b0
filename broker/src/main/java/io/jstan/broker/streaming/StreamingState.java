package io.jstan.broker.streaming;

import io.jstan.store.Store;
import io.jstan.store.proto.ServerInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's model of the store: server information, clients, channels and their
 * subscriptions. It is also the lock: everything here is read and changed inside
 * {@code synchronized (state)}, by the applier, the request handlers and the timers alike.
 */
final class StreamingState {
    final Store store;
    final ServerInfo info;
    final Map<String, Client> clients = new HashMap<>();
    /** Sorted, as the monitoring endpoints list them. */
    final Map<String, Channel> channels = new TreeMap<>();
    /** Serving only: the ID the next new subscription gets; IDs are unique across channels. */
    long nextSubscriptionId = 1;

    StreamingState(Store store, ServerInfo info) {
        this.store = store;
        this.info = info;
    }

    Channel channel(String name) {
        return channels.get(name);
    }

    /** The channel, created in the store and here when it does not exist. */
    Channel channelOrCreate(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            channel = new Channel(name, store.createChannel(name), store.channelLimits(name));
            channels.put(name, channel);
        }
        return channel;
    }

    void noteSubscriptionId(long id) {
        nextSubscriptionId = Math.max(nextSubscriptionId, id + 1);
    }
}
