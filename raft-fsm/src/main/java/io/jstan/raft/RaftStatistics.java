package io.jstan.raft;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a node's Raft part has done since it started, for monitoring; read from any thread. */
public final class RaftStatistics {
    private final LongAdder leaderChanges = new LongAdder();
    private final LongAdder proposals = new LongAdder();
    private final LongAdder proposalNanos = new LongAdder();
    private final LongAdder snapshotsTaken = new LongAdder();
    private final LongAdder snapshotsRestored = new LongAdder();
    private final AtomicLong lastSnapshotBytes = new AtomicLong();
    private final AtomicLong lastSnapshotMillis = new AtomicLong();

    /** Leaders this node saw take over: itself or another. */
    public long leaderChanges() {
        return leaderChanges.sum();
    }

    /** Raft tasks this node proposed as the leader, each a batch of operations, and their time until applied. */
    public long proposals() {
        return proposals.sum();
    }

    public double proposalSeconds() {
        return proposalNanos.sum() / 1e9;
    }

    public long snapshotsTaken() {
        return snapshotsTaken.sum();
    }

    /** Snapshots from the leader that replaced this node's store. */
    public long snapshotsRestored() {
        return snapshotsRestored.sum();
    }

    public long lastSnapshotBytes() {
        return lastSnapshotBytes.get();
    }

    public long lastSnapshotMillis() {
        return lastSnapshotMillis.get();
    }

    void leaderChanged() {
        leaderChanges.increment();
    }

    void proposed(long nanos) {
        proposals.increment();
        proposalNanos.add(nanos);
    }

    void snapshotTaken(long bytes, long millis) {
        snapshotsTaken.increment();
        lastSnapshotBytes.set(bytes);
        lastSnapshotMillis.set(millis);
    }

    void snapshotRestored() {
        snapshotsRestored.increment();
    }
}
