package io.jstan.broker.streaming;

import io.jstan.raft.Replica;
import io.jstan.raft.ops.Operation;
import io.jstan.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The engine of a clustered node as its Raft node sees it: every node applies the committed
 * operations to its store and model; the leader serves. Losing leadership, a node stops serving at
 * once and reads its model again from its store, which holds what was committed, not what it had
 * decided since. The log lines are nats-streaming-server's.
 */
final class ReplicatedEngine implements Replica {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedEngine.class);

    private final StreamingServer server;

    ReplicatedEngine(StreamingServer server) {
        this.server = server;
    }

    @Override
    public void apply(Operation operation) {
        server.applier().apply(operation);
    }

    @Override
    public void leadershipAcquired() {
        LOG.info("server became leader, performing leader promotion actions");
        try {
            server.startServing();
        } catch (StreamingStartException e) {
            LOG.error("Error on leadership acquired: {}", e.getMessage());
            server.raft().ifPresent(raft -> raft.transferLeadership(""));
            return;
        }
        LOG.info("finished leader promotion actions");
        LOG.info("Streaming Server is ready");
    }

    @Override
    public void leadershipLost() {
        LOG.info("server lost leadership, performing leader stepdown actions");
        server.stopServing();
        StreamingState state = server.model();
        synchronized (state) {
            server.rebuild(state.store.reload());
        }
        LOG.info("finished leader stepdown actions");
    }

    @Override
    public void restoreStore(Path copy) {
        StreamingState state = server.model();
        synchronized (state) {
            Store store = state.store;
            server.rebuild(store.restore(copy));
            // The copy is the leader's: this node keeps its own node ID, on disk before anything else.
            store.init(state.info);
            store.flush();
        }
    }

    @Override
    public void failed(String reason) {
        LOG.error("The Raft node stopped applying: {}", reason);
        server.stopServing();
    }
}
