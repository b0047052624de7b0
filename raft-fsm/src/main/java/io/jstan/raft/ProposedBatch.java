package io.jstan.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import io.jstan.raft.AppliedBatches.Submitted;

import java.util.List;

/**
 * The operations of one Raft task, as the leader that proposed them knows them. Run once the task
 * is committed and applied here (the operations that failed to apply are failed already; the others
 * complete), or once it cannot be (all fail: this node was not, or is no longer, the leader).
 */
final class ProposedBatch implements Closure {
    private final List<Submitted> members;
    private final Runnable finished;

    ProposedBatch(List<Submitted> members, Runnable finished) {
        this.members = members;
        this.finished = finished;
    }

    List<Submitted> members() {
        return members;
    }

    @Override
    public void run(Status status) {
        try {
            if (status.isOk()) {
                members.forEach(submitted -> submitted.done().complete(null));
            } else {
                NotLeaderException failure = new NotLeaderException(NotLeaderException.LEADERSHIP_LOST);
                members.forEach(submitted -> submitted.done().completeExceptionally(failure));
            }
        } finally {
            finished.run();
        }
    }
}
