package io.jstan.broker.testing;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;

import java.nio.file.Path;
import java.util.Optional;

/** A store that passes every call to another: a test overrides the calls it changes (a slow flush, a paused recovery). */
public abstract class ForwardingStore implements Store {
    private final Store store;

    protected ForwardingStore(Store store) {
        this.store = store;
    }

    @Override public boolean tryExclusiveLock() { return store.tryExclusiveLock(); }
    @Override public void init(ServerInfo info) { store.init(info); }
    @Override public String name() { return store.name(); }
    @Override public Optional<RecoveredState> recover() { return store.recover(); }
    @Override public void setLimits(StoreLimits limits) { store.setLimits(limits); }
    @Override public ChannelLimits channelLimits(String channel) { return store.channelLimits(channel); }
    @Override public ChannelStore createChannel(String name) { return store.createChannel(name); }
    @Override public Optional<ChannelStore> channel(String name) { return store.channel(name); }
    @Override public void deleteChannel(String name) { store.deleteChannel(name); }
    @Override public void addClient(ClientInfo client) { store.addClient(client); }
    @Override public void deleteClient(String clientId) { store.deleteClient(clientId); }
    @Override public void flush() { store.flush(); }
    @Override public boolean writesToDisk() { return store.writesToDisk(); }
    @Override public long lastAppliedIndex() { return store.lastAppliedIndex(); }
    @Override public void recordAppliedIndex(long index) { store.recordAppliedIndex(index); }
    @Override public void snapshot(Path target) { store.snapshot(target); }
    @Override public Optional<RecoveredState> restore(Path copy) { return store.restore(copy); }
    @Override public Optional<RecoveredState> reload() { return store.reload(); }
    @Override public void close() { store.close(); }
}
