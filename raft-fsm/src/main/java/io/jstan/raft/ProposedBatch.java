package io.jstan.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import io.jstan.raft.AppliedBatches.Submitted;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operations of one Raft task, as the leader that proposed them knows them. Run once the task
 * is committed and applied here (the operations that failed to apply are failed already; the others
 * complete), or once it cannot be as leader: then the task is an orphan, whose operations wait for
 * what the log ends up holding ({@link OrphanedProposals}).
 */
final class ProposedBatch implements Closure {
    private final List<Submitted> members;
    private final byte[] entry;
    private final long term;
    private final Runnable finished;
    private final Consumer<ProposedBatch> orphaned;

    ProposedBatch(List<Submitted> members, byte[] entry, long term, Runnable finished, Consumer<ProposedBatch> orphaned) {
        this.members = members;
        this.entry = entry;
        this.term = term;
        this.finished = finished;
        this.orphaned = orphaned;
    }

    List<Submitted> members() {
        return members;
    }

    long term() {
        return term;
    }

    ByteBuffer entry() {
        return ByteBuffer.wrap(entry);
    }

    /** Whether {@code data}, an entry's, is this task's. */
    boolean proposes(ByteBuffer data) {
        return ByteBuffer.wrap(entry).equals(data);
    }

    @Override
    public void run(Status status) {
        try {
            if (status.isOk()) {
                completeApplied();
            } else {
                orphaned.accept(this);
            }
        } finally {
            finished.run();
        }
    }

    /** The task was applied: its operations complete (those that failed to apply are failed already). */
    void completeApplied() {
        members.forEach(submitted -> submitted.done().complete(null));
    }

    /** The task will never be applied: its operations fail, as leadership was lost. */
    void fail() {
        NotLeaderException failure = new NotLeaderException(NotLeaderException.LEADERSHIP_LOST);
        members.forEach(submitted -> submitted.done().completeExceptionally(failure));
    }
}
