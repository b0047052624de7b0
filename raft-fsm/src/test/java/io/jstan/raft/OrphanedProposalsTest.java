package io.jstan.raft;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import io.jstan.raft.AppliedBatches.Submitted;
import io.jstan.raft.ops.ChannelDelete;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.ops.OperationBatch;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What becomes of the operations of a task whose proposal failed as leadership moved. */
class OrphanedProposalsTest {
    private static final Status STEPPED_DOWN = new Status(RaftError.EPERM, "Leader stepped down");

    private final OrphanedProposals orphans = new OrphanedProposals();

    @Test
    void anOrphanWaitsAndCompletesWhenItsEntryIsApplied() {
        ProposedBatch orphan = proposed("a", 3);
        orphan.run(STEPPED_DOWN);
        Submitted operation = orphan.members().get(0);
        assertFalse(operation.done().isDone(), "waits for what the log ends up holding");
        orphans.failBefore(3);
        assertNull(orphans.claim(entryOf("b")), "another entry is not the orphan's");

        ProposedBatch claimed = orphans.claim(entryOf("a"));
        assertSame(orphan, claimed);
        claimed.completeApplied();
        assertNull(operation.done().join());
        assertNull(orphans.claim(entryOf("a")), "claimed once");
    }

    @Test
    void anOrphanFailsOnceAnEntryOfALaterTermIsApplied() {
        ProposedBatch orphan = proposed("a", 3);
        orphan.run(STEPPED_DOWN);
        orphans.failBefore(4);
        assertLeadershipLost(orphan);
        assertNull(orphans.claim(entryOf("a")));
    }

    @Test
    void whatWaitsFailsWhenTheNodeCloses() {
        ProposedBatch waiting = proposed("a", 3);
        waiting.run(STEPPED_DOWN);
        orphans.close();
        assertLeadershipLost(waiting);

        ProposedBatch late = proposed("b", 3);
        late.run(STEPPED_DOWN);
        assertLeadershipLost(late);
    }

    @Test
    void aCommittedTaskCompletesAtOnce() {
        ProposedBatch committed = proposed("a", 3);
        committed.run(Status.OK());
        assertNull(committed.members().get(0).done().join());
        assertNull(orphans.claim(entryOf("a")));
    }

    private ProposedBatch proposed(String channel, long term) {
        Submitted operation = Submitted.of(delete(channel));
        return new ProposedBatch(List.of(operation), entryOf(channel).array(), term, () -> { }, orphans::add);
    }

    private static ByteBuffer entryOf(String channel) {
        return ByteBuffer.wrap(OperationBatch.newBuilder().addOperations(delete(channel)).build().toByteArray());
    }

    private static Operation delete(String channel) {
        return Operation.newBuilder().setChannelDelete(ChannelDelete.newBuilder().setChannel(channel)).build();
    }

    private static void assertLeadershipLost(ProposedBatch orphan) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> orphan.members().get(0).done().get());
        assertEquals(NotLeaderException.LEADERSHIP_LOST, failure.getCause().getMessage());
    }
}
