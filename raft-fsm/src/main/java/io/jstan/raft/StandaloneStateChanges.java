package io.jstan.raft;

import io.jstan.store.Store;

/**
 * The {@link StateChanges} of a server that is not clustered: operations are applied to the local
 * store in submission order, and made durable a batch at a time with one {@link Store#flush()}
 * (a group commit) before their futures complete, so a PubAck never goes out before the store has
 * the message. A batch is at most {@value AppliedBatches#MAX_BATCH} operations, and its publishes
 * reach the store as one append per channel.
 */
public final class StandaloneStateChanges {
    /** nats-streaming-server's IO batch size: at most this many operations share one flush. */
    public static final int MAX_BATCH = AppliedBatches.MAX_BATCH;

    private StandaloneStateChanges() {
    }

    /**
     * Chosen by what the store's writes cost: see {@link #applyingOnSubmitters} and
     * {@link #applyingOnAWriterThread}, which takes {@code recovery}.
     */
    public static StateChanges forStore(Store store, OperationApplier applier, StoreRecovery recovery) {
        return store.writesToDisk()
                ? applyingOnAWriterThread(applier, store::flush, recovery)
                : applyingOnSubmitters(applier, store::flush);
    }

    /** For a store in memory: the submitting thread applies, taking along what others submitted meanwhile. */
    public static StateChanges applyingOnSubmitters(OperationApplier applier, Runnable makeDurable) {
        return new CombiningStateChanges(applier, makeDurable);
    }

    /**
     * For a store on disk: a writer thread applies and flushes what was submitted while it was busy.
     * After the storage failed, it refuses changes until the {@code recovery} succeeds; it tries
     * every second.
     */
    public static StateChanges applyingOnAWriterThread(OperationApplier applier, Runnable makeDurable,
            StoreRecovery recovery) {
        return new WriterThreadStateChanges(applier, makeDurable, recovery);
    }
}
