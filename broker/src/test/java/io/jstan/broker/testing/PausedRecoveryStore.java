package io.jstan.broker.testing;

import io.jstan.store.RecoveredState;
import io.jstan.store.Store;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store whose recovery waits until the test lets it go on: to act while a server starts. */
public final class PausedRecoveryStore extends ForwardingStore {
    private final CountDownLatch recovering = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    public PausedRecoveryStore(Store store) {
        super(store);
    }

    /** Waits until a server is in the middle of recovering this store. */
    public void awaitRecovering() throws InterruptedException {
        assertTrue(recovering.await(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS), "the server never recovered the store");
    }

    /** Lets the recovery finish. */
    public void resume() {
        resume.countDown();
    }

    @Override
    public Optional<RecoveredState> recover() {
        recovering.countDown();
        try {
            if (!resume.await(ClientWaits.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never let the recovery go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the recovery", e);
        }
        return super.recover();
    }
}
