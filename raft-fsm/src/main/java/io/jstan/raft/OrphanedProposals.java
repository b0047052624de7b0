package io.jstan.raft;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Tasks this node proposed as leader whose fate it did not learn before it lost leadership: their
 * entries may still be committed by the next leader (or by this node, elected again), or may be
 * dropped. Their operations wait for what the log ends up holding, rather than fail at once: a
 * publish whose entry is committed after all is acknowledged, not refused while it is stored.
 * An orphan whose entry is applied here completes ({@link #claim}); once an entry of a later
 * term is applied, every surviving entry of the orphan's term was applied before it, so the orphans
 * still waiting were dropped, and fail ({@link #failBefore}).
 */
final class OrphanedProposals {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedProposals.class);

    private final List<ProposedBatch> waiting = new ArrayList<>();
    private boolean closed;

    /** A task whose proposal failed as leadership moved; failed at once when this node closes. */
    synchronized void add(ProposedBatch orphan) {
        if (closed) {
            orphan.fail();
        } else {
            waiting.add(orphan);
        }
    }

    /** The orphan whose task is {@code entry}, which this node applies now; null when none is. */
    ProposedBatch claim(ByteBuffer entry) {
        synchronized (this) {
            if (waiting.isEmpty()) {
                return null;
            }
            for (Iterator<ProposedBatch> it = waiting.iterator(); it.hasNext(); ) {
                ProposedBatch orphan = it.next();
                if (orphan.proposes(entry)) {
                    it.remove();
                    LOG.info("Raft: {} operation(s) proposed before leadership moved were committed after all", orphan.members().size());
                    return orphan;
                }
            }
            return null;
        }
    }

    /** An entry of {@code term} is applied: the orphans of earlier terms were dropped. */
    void failBefore(long term) {
        List<ProposedBatch> dropped = new ArrayList<>();
        synchronized (this) {
            if (waiting.isEmpty()) {
                return;
            }
            for (Iterator<ProposedBatch> it = waiting.iterator(); it.hasNext(); ) {
                ProposedBatch orphan = it.next();
                if (orphan.term() < term) {
                    it.remove();
                    dropped.add(orphan);
                }
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("Raft: {} task(s) proposed before leadership moved were not committed: failed", dropped.size());
            dropped.forEach(ProposedBatch::fail);
        }
    }

    /** Fails what still waits: this node stops, and will not learn. */
    void close() {
        List<ProposedBatch> rest;
        synchronized (this) {
            closed = true;
            rest = new ArrayList<>(waiting);
            waiting.clear();
        }
        rest.forEach(ProposedBatch::fail);
    }
}
