package io.jstan.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store's channels by name and the store limits new ones are created under: what every store
 * checks the same way (a name already taken, the number of channels at its limit, a channel that is
 * not there). The store writes a channel where it keeps them, then {@link #add}s it.
 *
 * @param <C> the store's own channel class
 */
public final class ChannelRegistry<C extends ChannelStore> {
    private final Map<String, C> channels = new ConcurrentHashMap<>();
    private volatile StoreLimits limits;

    public ChannelRegistry(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    public StoreLimits limits() {
        return limits;
    }

    public void setLimits(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /**
     * The limits of a channel named {@code name} about to be created.
     *
     * @throws StoreException {@link StoreException.Kind#ALREADY_EXISTS} when there is one, or
     *     {@link StoreException.Kind#TOO_MANY_CHANNELS} when the store holds as many as it may
     */
    public ChannelLimits limitsOfNew(String name) {
        if (channels.containsKey(name)) {
            throw new StoreException(StoreException.Kind.ALREADY_EXISTS);
        }
        StoreLimits current = limits;
        if (current.maxChannels() > 0 && channels.size() >= current.maxChannels()) {
            throw new StoreException(StoreException.Kind.TOO_MANY_CHANNELS);
        }
        return current.channelLimits(name);
    }

    /** Registers a channel the store created or recovered; returns it. */
    public C add(String name, C channel) {
        channels.put(name, channel);
        return channel;
    }

    public Optional<ChannelStore> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** @throws StoreException {@link StoreException.Kind#NOT_FOUND} when there is no such channel */
    public C existing(String name) {
        C channel = channels.get(name);
        if (channel == null) {
            throw new StoreException(StoreException.Kind.NOT_FOUND);
        }
        return channel;
    }

    /** @throws StoreException {@link StoreException.Kind#NOT_FOUND} when there is no such channel */
    public C remove(String name) {
        C channel = channels.remove(name);
        if (channel == null) {
            throw new StoreException(StoreException.Kind.NOT_FOUND);
        }
        return channel;
    }

    public void clear() {
        channels.clear();
    }
}
