package io.jstan.store;

import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a streaming server keeps its state: server info, clients, and channels with their
 * messages and subscriptions.
 *
 * <p>Life cycle: create the store (this must not take any exclusive resource, so that a standby
 * server can create one on a store another server holds), optionally {@link #tryExclusiveLock()},
 * {@link #setLimits}, {@link #recover()}, {@link #init}, then operations, then {@link #close()}.
 *
 * <p>Every call that changes state is deterministic, so that Raft replicas applying the same
 * operations in the same order hold the same data. Calls changing one channel come from one
 * thread at a time; reads may come from any thread.
 */
public interface Store extends AutoCloseable {

    /**
     * Takes the advisory lock that keeps other servers off this store until {@link #close()}.
     * Returns true once taken (again true on later calls), false when another holder has it and a
     * later try may succeed.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_SUPPORTED} where no lock applies,
     *     another kind when the lock can never be taken
     */
    boolean tryExclusiveLock();

    /** Records the server's information; a later call replaces it. */
    void init(ServerInfo info);

    /** The store type: MEMORY, FILE or SQL. */
    String name();

    /**
     * What an earlier run stored; empty for a store that keeps no state, or holds none yet.
     * Recovered channels take the limits set when this is called, from their next change on:
     * what was stored is recovered whole.
     *
     * @throws StoreException when there is state but it cannot be read
     */
    Optional<RecoveredState> recover();

    /** Sets the limits of channels created (or recovered) from now on; existing channels keep theirs. */
    void setLimits(StoreLimits limits);

    /**
     * The limits the channel enforces.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_FOUND} for an unknown channel
     */
    ChannelLimits channelLimits(String channel);

    /**
     * Creates an empty channel with the limits that the current {@link StoreLimits} give its name.
     *
     * @throws StoreException {@link StoreException.Kind#ALREADY_EXISTS} or
     *     {@link StoreException.Kind#TOO_MANY_CHANNELS}
     */
    ChannelStore createChannel(String name);

    Optional<ChannelStore> channel(String name);

    /**
     * Deletes the channel with its messages and subscriptions: once this returns, it is never
     * recovered, and the name can be created again.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_FOUND} for an unknown channel
     */
    void deleteChannel(String name);

    /** Stores a client, replacing one with the same ID. */
    void addClient(ClientInfo client);

    /** Removes a client; an unknown ID is ignored. */
    void deleteClient(String clientId);

    /** Makes everything done so far durable, all at once (one sync for the whole batch). */
    void flush();

    /**
     * Whether changes and {@link #flush()} go to a disk: callers then make them in batches, on a
     * thread of their own rather than on threads that must not block, such as network event loops.
     */
    default boolean writesToDisk() {
        return false;
    }

    /**
     * Clustering: the index of the last entry of the replicated log whose changes this store holds,
     * as last recorded by {@link #recordAppliedIndex}; 0 when none was.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_SUPPORTED} for a store that cannot be replicated
     */
    default long lastAppliedIndex() {
        throw notReplicable();
    }

    /**
     * Clustering: records that the changes of the replicated log's entries up to {@code index} are
     * made. It is written after them, so that a store recovered after a crash never claims an entry
     * whose changes it lost.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_SUPPORTED} for a store that cannot be replicated
     */
    default void recordAppliedIndex(long index) {
        throw notReplicable();
    }

    /**
     * Clustering: writes a consistent copy of everything the store holds, taken while it serves,
     * into {@code target} (created if missing; it must not hold a store), for {@link #restore}.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_SUPPORTED} for a store that cannot be replicated
     */
    default void snapshot(Path target) {
        throw notReplicable();
    }

    /**
     * Clustering: replaces everything the store holds by the copy that {@link #snapshot} wrote into
     * {@code copy}, which is left as it was, and returns what the copy holds, as {@link #recover()}
     * does. Channel stores handed out before are not valid afterwards.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_SUPPORTED} for a store that cannot be replicated
     */
    default Optional<RecoveredState> restore(Path copy) {
        throw notReplicable();
    }

    /**
     * Clustering: reads again what the store holds, as {@link #recover()} does, for an engine whose
     * model went ahead of it. Channel stores handed out before are not valid afterwards.
     *
     * @throws StoreException {@link StoreException.Kind#NOT_SUPPORTED} for a store that cannot be replicated
     */
    default Optional<RecoveredState> reload() {
        throw notReplicable();
    }

    /**
     * What the clustering methods throw in a store that cannot be replicated: a replica must recover
     * what it applied, and the store must be able to copy itself as a whole for a snapshot.
     */
    private StoreException notReplicable() {
        return new StoreException(StoreException.Kind.NOT_SUPPORTED, "the " + name() + " store cannot be replicated", null);
    }

    /** Flushes, releases the lock and every resource; closing again does nothing. */
    @Override
    void close();
}
