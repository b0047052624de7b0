package io.jstan.store.memory;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelRegistry;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * The MEMORY store: channels and their messages live in this process only. Server info, clients
 * and subscription state are not kept, since nothing here can be recovered; the engine holds them.
 */
public final class MemoryStore implements Store {

    public static final String TYPE = "MEMORY";

    private final ChannelRegistry<MemoryChannelStore> channels;

    public MemoryStore() {
        this(StoreLimits.DEFAULTS);
    }

    public MemoryStore(StoreLimits limits) {
        this.channels = new ChannelRegistry<>(limits);
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
        channels.setLimits(limits);
    }

    @Override
    public ChannelLimits channelLimits(String channel) {
        return channels.existing(channel).limits();
    }

    @Override
    public synchronized ChannelStore createChannel(String name) {
        return channels.add(name, new MemoryChannelStore(name, channels.limitsOfNew(name)));
    }

    @Override
    public Optional<ChannelStore> channel(String name) {
        return channels.find(name);
    }

    @Override
    public synchronized void deleteChannel(String name) {
        channels.remove(name);
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
    public void close() {
        // Nothing to release.
    }
}
