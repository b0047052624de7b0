package io.jstan.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.raft.AppliedBatches.Submitted;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.OperationBatch;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The SOFAJRaft state machine of a node: applies the operations of committed entries to the store
 * and the engine's model through the {@link Replica}, the same way on every node, then completes
 * what this node proposed. The store records the last index it applied: a node that restarts skips
 * the entries its store already holds, and keeps its store rather than load an older snapshot.
 *
 * <p>A snapshot is the store's own consistent copy. Loading one replaces the store (a follower
 * too far behind for the log, or one whose directories were lost).
 */
final class OperationStateMachine extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OperationStateMachine.class);
    /** The snapshot's directory for the store's copy. */
    private static final String STORE_COPY = "store";
    /** So far behind the commit that a node says how its catching up goes. */
    private static final long CATCHING_UP_ENTRIES = 1000;
    private static final long PROGRESS_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Store store;
    private final Replica replica;
    private final MemberAddressBook members;
    private final OperationApplier applier;
    private final RaftStateChanges stateChanges;
    private final Runnable snapshotNow;
    private final RaftStatistics statistics;
    private final LongSupplier committedIndex;
    private long nextProgressLog;
    private final long snapshotLogBytes;
    /** The last index whose changes the store holds; entries up to it are not applied again. */
    private long appliedIndex;
    private long bytesSinceSnapshot;
    private boolean snapshotRequested;
    /** The latest term this node led or followed a leader in. */
    private volatile long term;

    OperationStateMachine(Store store, Replica replica, MemberAddressBook members, RaftStateChanges stateChanges,
            Runnable snapshotNow, long snapshotLogBytes, RaftStatistics statistics, LongSupplier committedIndex) {
        this.statistics = statistics;
        this.committedIndex = committedIndex;
        this.store = store;
        this.replica = replica;
        this.members = members;
        this.applier = operation -> {
            if (operation.getKindCase() == Operation.KindCase.MEMBER_ADDRESS) {
                members.apply(operation.getMemberAddress());
            } else {
                replica.apply(operation);
            }
        };
        this.stateChanges = stateChanges;
        this.snapshotNow = snapshotNow;
        this.snapshotLogBytes = snapshotLogBytes;
        this.appliedIndex = store.lastAppliedIndex();
    }

    @Override
    public void onApply(Iterator entries) {
        List<Closure> proposedHere = new ArrayList<>();
        long last = appliedIndex;
        while (entries.hasNext()) {
            long index = entries.getIndex();
            Closure done = entries.done();
            bytesSinceSnapshot += entries.getData().remaining();
            if (index > appliedIndex) {
                stateChanges.orphans().failBefore(entries.getTerm());
                ProposedBatch orphan = done == null ? stateChanges.orphans().claim(entries.getData()) : null;
                try {
                    AppliedBatches.applyEach(applier, operationsOf(entries, orphan != null ? orphan : done),
                            StoreException::isStorageFailure);
                } catch (RuntimeException e) {
                    finish(last, proposedHere);
                    fail(entries, index, e);
                    return;
                }
                last = index;
                if (orphan != null) {
                    proposedHere.add(status -> orphan.completeApplied());
                }
            }
            if (done != null) {
                proposedHere.add(done);
            }
            entries.next();
        }
        finish(last, proposedHere);
        requestSnapshotWhenTheLogIsLarge();
    }

    /** Records what the store holds now, then completes what this node proposed, then the batch. */
    private void finish(long last, List<Closure> proposedHere) {
        if (last > appliedIndex) {
            store.recordAppliedIndex(last);
            appliedIndex = last;
            logCatchingUp();
        }
        proposedHere.forEach(done -> done.run(Status.OK()));
        stateChanges.afterEachBatch().run();
    }

    /** Every few seconds while this node applies entries far behind the commit: how far it is. */
    private void logCatchingUp() {
        long committed = committedIndex.getAsLong();
        if (committed - appliedIndex < CATCHING_UP_ENTRIES || System.nanoTime() - nextProgressLog < 0) {
            return;
        }
        nextProgressLog = System.nanoTime() + PROGRESS_LOG_NANOS;
        LOG.info("Raft: catching up, entry {} of {} applied", appliedIndex, committed);
    }

    /** The proposer knows the futures of what it proposed (an orphan's too); elsewhere nobody waits for them. */
    private static List<Submitted> operationsOf(Iterator entries, Closure done) {
        if (done instanceof ProposedBatch proposed) {
            return proposed.members();
        }
        OperationBatch batch;
        try {
            batch = OperationBatch.parseFrom(entries.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("entry " + entries.getIndex() + " is not an operation batch: " + e.getMessage(), e);
        }
        List<Submitted> operations = new ArrayList<>(batch.getOperationsCount());
        for (Operation operation : batch.getOperationsList()) {
            operations.add(Submitted.of(operation));
        }
        return operations;
    }

    private void fail(Iterator entries, long index, RuntimeException e) {
        String reason = "cannot apply entry " + index + ": " + e.getMessage();
        LOG.error("Raft: {}", reason, e);
        entries.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, reason));
    }

    private void requestSnapshotWhenTheLogIsLarge() {
        if (bytesSinceSnapshot >= snapshotLogBytes && !snapshotRequested) {
            snapshotRequested = true;
            snapshotNow.run();
        }
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        long start = System.nanoTime();
        long index = writer.getCurrentMeta().getLastIncludedIndex();
        Path copy = Path.of(writer.getPath(), STORE_COPY);
        try {
            if (index > appliedIndex) {
                // The entries in between change only the group's membership, not the store.
                store.recordAppliedIndex(index);
                appliedIndex = index;
            }
            store.snapshot(copy);
            members.copyInto(Path.of(writer.getPath()));
            writer.addFile(MemberAddressBook.FILE_NAME);
            long bytes = addFiles(writer, Path.of(writer.getPath()), copy);
            bytesSinceSnapshot = 0;
            long millis = (System.nanoTime() - start) / 1_000_000;
            statistics.snapshotTaken(bytes, millis);
            LOG.info("Raft: snapshot at index {} taken ({}, {} ms)", index, megabytes(bytes), millis);
            done.run(Status.OK());
        } catch (IOException | RuntimeException e) {
            LOG.error("Raft: could not take a snapshot at index {}: {}", index, e.getMessage());
            done.run(new Status(RaftError.EIO, "snapshot failed: %s", e.getMessage()));
        } finally {
            snapshotRequested = false;
        }
    }

    /** Lists the copy's files in the snapshot, so that a follower that installs it gets them all. */
    private static long addFiles(SnapshotWriter writer, Path root, Path copy) throws IOException {
        long bytes = 0;
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                writer.addFile(root.relativize(file).toString());
                bytes += Files.size(file);
            }
        }
        return bytes;
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        long index = reader.load().getLastIncludedIndex();
        if (appliedIndex >= index) {
            LOG.info("Raft: the store holds index {}, at or after the snapshot's {}: kept", appliedIndex, index);
            return true;
        }
        long start = System.nanoTime();
        LOG.info("Raft: restoring the store from the snapshot at index {} (the store holds index {})", index, appliedIndex);
        try {
            replica.restoreStore(Path.of(reader.getPath(), STORE_COPY));
            members.restoreFrom(Path.of(reader.getPath()));
            appliedIndex = store.lastAppliedIndex();
        } catch (RuntimeException e) {
            LOG.error("Raft: could not restore the store from the snapshot at index {}: {}", index, e.getMessage(), e);
            return false;
        }
        bytesSinceSnapshot = 0;
        statistics.snapshotRestored();
        LOG.info("Raft: store restored from the snapshot at index {} in {} ms", index, (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    @Override
    public void onLeaderStart(long term) {
        this.term = term;
        statistics.leaderChanged();
        LOG.info("Raft: this node leads, term {}", term);
        stateChanges.leading(term);
        replica.leadershipAcquired();
    }

    @Override
    public void onStartFollowing(LeaderChangeContext context) {
        term = context.getTerm();
        statistics.leaderChanged();
        LOG.info("Raft: following leader {}, term {}", context.getLeaderId().getEndpoint(), context.getTerm());
    }

    long term() {
        return term;
    }

    @Override
    public void onLeaderStop(Status status) {
        stateChanges.following();
        replica.leadershipLost();
    }

    @Override
    public void onConfigurationCommitted(Configuration configuration) {
        // A leader's first entry is a configuration: entries of earlier terms that survive come before it.
        stateChanges.orphans().failBefore(term);
        LOG.info("Raft: members are {}", configuration.getPeers().stream().map(peer -> peer.getEndpoint().toString()).toList());
    }

    @Override
    public void onError(RaftException e) {
        stateChanges.following();
        replica.failed(e.getStatus().getErrorMsg());
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
