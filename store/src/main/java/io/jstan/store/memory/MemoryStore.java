package io.jstan.store.memory;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MEMORY store: channels and their messages live in this process only. Server info, clients
 * and subscription state are not kept, since nothing here can be recovered; the engine holds them.
 */
public final class MemoryStore implements Store {

    public static final String TYPE = "MEMORY";

    private final Map<String, MemoryChannelStore> channels = new ConcurrentHashMap<>();
    private volatile StoreLimits limits;

    public MemoryStore() {
        this(StoreLimits.DEFAULTS);
    }

    public MemoryStore(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /** Always refused: there is nothing to share between servers. */
    @Override
    public boolean tryExclusiveLock() {
        throw new StoreException(StoreException.Kind.NOT_SUPPORTED);
    }

    @Override
    public void init(ServerInfo info) {
        Objects.requireNonNull(info);
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public Optional<RecoveredState> recover() {
        return Optional.empty();
    }

    @Override
    public void setLimits(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    @Override
    public ChannelLimits channelLimits(String channel) {
        return existing(channel).limits();
    }

    @Override
    public synchronized ChannelStore createChannel(String name) {
        if (channels.containsKey(name)) {
            throw new StoreException(StoreException.Kind.ALREADY_EXISTS);
        }
        StoreLimits current = limits;
        if (current.maxChannels() > 0 && channels.size() >= current.maxChannels()) {
            throw new StoreException(StoreException.Kind.TOO_MANY_CHANNELS);
        }
        MemoryChannelStore channel = new MemoryChannelStore(name, current.channelLimits(name));
        channels.put(name, channel);
        return channel;
    }

    @Override
    public Optional<ChannelStore> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public synchronized void deleteChannel(String name) {
        if (channels.remove(name) == null) {
            throw new StoreException(StoreException.Kind.NOT_FOUND);
        }
    }

    private MemoryChannelStore existing(String name) {
        MemoryChannelStore channel = channels.get(name);
        if (channel == null) {
            throw new StoreException(StoreException.Kind.NOT_FOUND);
        }
        return channel;
    }

    @Override
    public void addClient(ClientInfo client) {
        Objects.requireNonNull(client);
    }

    @Override
    public void deleteClient(String clientId) {
        Objects.requireNonNull(clientId);
    }

    @Override
    public void flush() {
        // Nothing to make durable.
    }

    @Override
    public long lastAppliedIndex() {
        throw notReplicable();
    }

    @Override
    public void recordAppliedIndex(long index) {
        throw notReplicable();
    }

    @Override
    public void snapshot(Path target) {
        throw notReplicable();
    }

    @Override
    public Optional<RecoveredState> restore(Path copy) {
        throw notReplicable();
    }

    @Override
    public Optional<RecoveredState> reload() {
        throw notReplicable();
    }

    /** A replica must recover what it applied, which a MEMORY store loses with the process. */
    private static StoreException notReplicable() {
        return new StoreException(StoreException.Kind.NOT_SUPPORTED, "the MEMORY store cannot be replicated", null);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
