package io.jstan.broker.streaming;

import io.jstan.raft.StoreRecovery;
import io.jstan.store.RecoveredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * A standalone server whose storage failed reads the store again once it can, and serves from
 * what it holds: what was acknowledged. Clients and subscriptions stay, as after a restart.
 */
final class StandaloneStoreRecovery implements StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneStoreRecovery.class);

    private final StreamingServer server;

    StandaloneStoreRecovery(StreamingServer server) {
        this.server = server;
    }

    @Override
    public void storageFailed(String reason) {
        LOG.error("Store failed: {}; changes are refused until it can be read again", reason);
    }

    @Override
    public void recover() {
        Optional<RecoveredState> recovered = server.model().store.reload();
        server.stopServing();
        server.rebuild(recovered);
        server.startServing();
        LOG.info("Store is back: the state was read again from it");
    }
}
