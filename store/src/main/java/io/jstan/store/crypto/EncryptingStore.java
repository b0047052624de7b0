package io.jstan.store.crypto;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecoveredChannel;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Encryption at rest, as nats-streaming-server's CryptoStore: wraps a store so that the payloads of
 * the messages it holds are encrypted (see {@link EncryptingMessageStore}), each channel with its own
 * key ({@link EncryptionKey}). Everything else is stored as given.
 *
 * <p>{@link #init} stores a key check with the server info; {@link #recover()} verifies it before
 * anything is read, and refuses another key, or a store written without encryption, with a
 * {@link io.jstan.store.StoreException} that leaves the store as it was.
 */
public final class EncryptingStore implements Store {
    private final Store stored;
    private final StoreEncryption encryption;
    private final PayloadSealer storeSealer;

    public EncryptingStore(Store stored, StoreEncryption encryption) {
        this.stored = Objects.requireNonNull(stored);
        this.encryption = Objects.requireNonNull(encryption);
        this.storeSealer = new PayloadSealer(encryption.cipher(), encryption.key().storeKey());
    }

    @Override
    public boolean tryExclusiveLock() {
        return stored.tryExclusiveLock();
    }

    @Override
    public void init(ServerInfo info) {
        stored.init(KeyCheck.addedTo(info, storeSealer));
    }

    /** The wrapped store's type: encryption is not a store type. */
    @Override
    public String name() {
        return stored.name();
    }

    @Override
    public Optional<RecoveredState> recover() {
        return stored.recover().map(this::decrypting);
    }

    private RecoveredState decrypting(RecoveredState state) {
        ServerInfo info = KeyCheck.verifiedAndRemoved(state.serverInfo(), storeSealer);
        Map<String, RecoveredChannel> channels = new HashMap<>();
        state.channels().forEach((name, channel) ->
                channels.put(name, new RecoveredChannel(decrypting(channel.channel()), channel.subscriptions())));
        return new RecoveredState(info, state.clients(), channels);
    }

    @Override
    public void setLimits(StoreLimits limits) {
        stored.setLimits(limits);
    }

    @Override
    public ChannelLimits channelLimits(String channel) {
        return stored.channelLimits(channel);
    }

    @Override
    public ChannelStore createChannel(String name) {
        return decrypting(stored.createChannel(name));
    }

    @Override
    public Optional<ChannelStore> channel(String name) {
        return stored.channel(name).map(this::decrypting);
    }

    private ChannelStore decrypting(ChannelStore channel) {
        PayloadSealer sealer = new PayloadSealer(encryption.cipher(), encryption.key().channelKey(channel.name()));
        return new EncryptingChannelStore(channel, new EncryptingMessageStore(channel.name(), channel.messages(), sealer));
    }

    @Override
    public void deleteChannel(String name) {
        stored.deleteChannel(name);
    }

    @Override
    public void addClient(ClientInfo client) {
        stored.addClient(client);
    }

    @Override
    public void deleteClient(String clientId) {
        stored.deleteClient(clientId);
    }

    @Override
    public void flush() {
        stored.flush();
    }

    @Override
    public boolean writesToDisk() {
        return stored.writesToDisk();
    }

    @Override
    public long lastAppliedIndex() {
        return stored.lastAppliedIndex();
    }

    @Override
    public void recordAppliedIndex(long index) {
        stored.recordAppliedIndex(index);
    }

    /** The copy is as encrypted as the store, and restored with the same key. */
    @Override
    public void snapshot(Path target) {
        stored.snapshot(target);
    }

    @Override
    public Optional<RecoveredState> restore(Path copy) {
        return stored.restore(copy).map(this::decrypting);
    }

    @Override
    public Optional<RecoveredState> reload() {
        return stored.reload().map(this::decrypting);
    }

    @Override
    public void close() {
        stored.close();
    }
}
