package io.jstan.broker.streaming;

import io.jstan.store.Store;
import io.jstan.store.proto.ServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's model of the store: server information, clients, channels and their
 * subscriptions. It is also the lock: everything here is read and changed inside
 * {@code synchronized (state)}, by the applier, the request handlers and the timers alike.
 */
final class StreamingState {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingState.class);

    final Store store;
    final ServerInfo info;
    final Map<String, Client> clients = new HashMap<>();
    /** Sorted, as the monitoring endpoints list them. */
    final Map<String, Channel> channels = new TreeMap<>();
    private final Map<String, String> namesByLowerCase = new HashMap<>();
    /** Serving only: the ID the next new subscription gets; IDs are unique across channels. */
    long nextSubscriptionId = 1;
    /**
     * Clustered: the node handing its clients over to the next leader, which waits for the requests
     * it held; empty when no handover is under way. Replicated, kept in memory only.
     */
    String handoverFrom = "";

    StreamingState(Store store, ServerInfo info) {
        this.store = store;
        this.info = info;
    }

    Channel channel(String name) {
        return channels.get(name);
    }

    /**
     * The channel, created in the store and here when it does not exist (logged as
     * nats-streaming-server logs it: alerts watch for new channels). A name differing from an
     * existing channel's only by case is refused, as nats-streaming-server refuses it (its FILE
     * store keeps a channel in a directory of that name, and file systems may ignore case).
     */
    Channel channelOrCreate(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            String existing = namesByLowerCase.get(lowerCase);
            if (existing != null) {
                // nats-streaming-server's text, its typo included: clients may match on it.
                throw new StanError(String.format(
                        "rejecting channel \"%s\" because channel \"%s\" alreay exists (different cases not allowed)", name, existing));
            }
            channel = new Channel(name, store.createChannel(name), store.channelLimits(name));
            channels.put(name, channel);
            namesByLowerCase.put(lowerCase, name);
            LOG.info("Channel \"{}\" has been created", name);
        }
        return channel;
    }

    /** Forgets a deleted channel. */
    Channel removeChannel(String name) {
        Channel channel = channels.remove(name);
        if (channel != null) {
            namesByLowerCase.remove(name.toLowerCase(Locale.ROOT));
        }
        return channel;
    }

    /** Adds a channel recovered from the store. */
    void addRecovered(Channel channel) {
        channels.put(channel.name, channel);
        namesByLowerCase.put(channel.name.toLowerCase(Locale.ROOT), channel.name);
    }

    /** Forgets every client and channel, before the model is rebuilt from the store. */
    void clear() {
        handoverFrom = "";
        clients.clear();
        channels.clear();
        namesByLowerCase.clear();
    }

    void noteSubscriptionId(long id) {
        nextSubscriptionId = Math.max(nextSubscriptionId, id + 1);
    }
}
