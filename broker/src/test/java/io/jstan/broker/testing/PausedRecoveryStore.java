package io.jstan.broker.testing;

import io.jstan.store.ChannelLimits;
import io.jstan.store.ChannelStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store whose recovery waits until the test lets it go on: to act while a server starts. */
public final class PausedRecoveryStore implements Store {
    private final Store store;
    private final CountDownLatch recovering = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    public PausedRecoveryStore(Store store) {
        this.store = store;
    }

    /** Waits until a server is in the middle of recovering this store. */
    public void awaitRecovering() throws InterruptedException {
        assertTrue(recovering.await(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS), "the server never recovered the store");
    }

    /** Lets the recovery finish. */
    public void resume() {
        resume.countDown();
    }

    @Override
    public Optional<RecoveredState> recover() {
        recovering.countDown();
        try {
            if (!resume.await(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never let the recovery go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the recovery", e);
        }
        return store.recover();
    }

    @Override
    public boolean tryExclusiveLock() {
        return store.tryExclusiveLock();
    }

    @Override
    public void init(ServerInfo info) {
        store.init(info);
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public void setLimits(StoreLimits limits) {
        store.setLimits(limits);
    }

    @Override
    public ChannelLimits channelLimits(String channel) {
        return store.channelLimits(channel);
    }

    @Override
    public ChannelStore createChannel(String name) {
        return store.createChannel(name);
    }

    @Override
    public Optional<ChannelStore> channel(String name) {
        return store.channel(name);
    }

    @Override
    public void deleteChannel(String name) {
        store.deleteChannel(name);
    }

    @Override
    public void addClient(ClientInfo client) {
        store.addClient(client);
    }

    @Override
    public void deleteClient(String clientId) {
        store.deleteClient(clientId);
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public boolean writesToDisk() {
        return store.writesToDisk();
    }

    @Override
    public void close() {
        store.close();
    }
}
