package io.jstan.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.entity.Task;
import io.jstan.raft.AppliedBatches.Submitted;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.OperationBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The {@link StateChanges} of a clustered node: operations are proposed to the Raft group, and
 * complete once committed by a majority and applied here. A proposer thread makes one Raft task of
 * everything submitted while the tasks before were on their way (at most
 * {@value AppliedBatches#MAX_BATCH} operations, about {@value #MAX_TASK_BYTES} bytes), with a bounded
 * number of tasks in flight: the busier the node, the larger the tasks.
 *
 * <p>Only the leader takes operations. Each carries the term in which it was decided (its sequences,
 * its subscription ID...): proposed in another term, even of this same node, it would be applied
 * against a state it was not decided on, so the task expects that term and fails otherwise.
 */
final class RaftStateChanges implements StateChanges {
    private static final long NOT_LEADER = -1;
    private static final int MAX_TASK_BYTES = 1024 * 1024;
    /** Tasks proposed and not yet applied; far below what SOFAJRaft's queue holds (16384). */
    private static final int MAX_TASKS_IN_FLIGHT = 64;
    private static final Proposal END = new Proposal(Submitted.of(Operation.getDefaultInstance()), NOT_LEADER);

    private final BlockingQueue<Proposal> queue = new LinkedBlockingQueue<>();
    private final Semaphore tasksInFlight = new Semaphore(MAX_TASKS_IN_FLIGHT);
    private final Thread proposer;
    private final RaftStatistics statistics;
    private final OrphanedProposals orphans = new OrphanedProposals();
    private volatile Node node;
    private volatile long leaderTerm = NOT_LEADER;
    private volatile Runnable afterEachBatch = () -> { };
    private boolean closed;

    RaftStateChanges(RaftStatistics statistics) {
        this.statistics = statistics;
        proposer = new Thread(this::proposeUntilClosed, "jstan-raft-proposer");
        proposer.setDaemon(true);
    }

    /** Starts proposing to the node. */
    void start(Node raftNode) {
        this.node = raftNode;
        proposer.start();
    }

    /** Operations are taken from now on, decided in this term. */
    void leading(long term) {
        leaderTerm = term;
    }

    /** Operations are refused from now on. */
    void following() {
        leaderTerm = NOT_LEADER;
    }

    @Override
    public CompletableFuture<Void> submit(Operation operation) {
        long term = leaderTerm;
        if (term == NOT_LEADER) {
            return CompletableFuture.failedFuture(new NotLeaderException(NotLeaderException.NOT_LEADER));
        }
        Submitted submitted = Submitted.of(operation);
        synchronized (this) {
            if (closed) {
                return AppliedBatches.closedFailure();
            }
            queue.add(new Proposal(submitted, term));
        }
        return submitted.done();
    }

    @Override
    public void afterEachBatch(Runnable listener) {
        afterEachBatch = listener;
    }

    Runnable afterEachBatch() {
        return afterEachBatch;
    }

    /** The tasks proposed here whose fate leadership moved before this node learnt. */
    OrphanedProposals orphans() {
        return orphans;
    }

    /** Proposes what was submitted, waits (a while) for it to be applied, then refuses operations. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(END);
        }
        try {
            if (proposer.isAlive()) {
                proposer.join();
            }
            if (tasksInFlight.tryAcquire(MAX_TASKS_IN_FLIGHT, 5, TimeUnit.SECONDS)) {
                tasksInFlight.release(MAX_TASKS_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        orphans.close();
    }

    private void proposeUntilClosed() {
        List<Proposal> taken = new ArrayList<>();
        Proposal carried = null;
        try {
            while (true) {
                Proposal first = carried != null ? carried : queue.take();
                carried = null;
                if (first == END) {
                    return;
                }
                taken.add(first);
                int bytes = first.submitted.operation().getSerializedSize();
                Proposal next;
                while (taken.size() < AppliedBatches.MAX_BATCH && bytes < MAX_TASK_BYTES && (next = queue.poll()) != null) {
                    if (next == END || next.term != first.term) {
                        carried = next;
                        break;
                    }
                    taken.add(next);
                    bytes += next.submitted.operation().getSerializedSize();
                }
                propose(taken, first.term);
                taken = new ArrayList<>();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void propose(List<Proposal> proposals, long term) throws InterruptedException {
        List<Submitted> members = new ArrayList<>(proposals.size());
        OperationBatch.Builder batch = OperationBatch.newBuilder();
        for (Proposal proposal : proposals) {
            members.add(proposal.submitted);
            batch.addOperations(proposal.submitted.operation());
        }
        tasksInFlight.acquire();
        long proposed = System.nanoTime();
        ProposedBatch done = new ProposedBatch(members, batch.build().toByteArray(), term, () -> {
            statistics.proposed(System.nanoTime() - proposed);
            tasksInFlight.release();
        }, orphans::add);
        node.apply(new Task(done.entry(), done, term));
    }

    private record Proposal(Submitted submitted, long term) {
    }
}
