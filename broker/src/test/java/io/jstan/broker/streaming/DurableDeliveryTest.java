package io.jstan.broker.streaming;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.ForwardingStore;
import io.jstan.broker.testing.StanClients;
import io.jstan.store.memory.MemoryStore;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * With a store whose flush waits for a disk, a message is neither acknowledged nor delivered
 * before its batch is durable: a crash in between would lose it.
 */
class DurableDeliveryTest {
    @RegisterExtension
    final InProcessStreaming server = new InProcessStreaming();

    @Test
    void aMessageAppliedButNotYetDurableIsNeitherAcknowledgedNorDelivered() throws Exception {
        GatedFlushStore store = new GatedFlushStore();
        server.start(new StreamingOptions(), store);
        try (StreamingConnection connection = server.clients().connect()) {
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("gated", received, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            AtomicReference<String> acked = new AtomicReference<>();
            store.closeGate();

            connection.publish("gated", bytes("held"), (guid, error) -> acked.set(guid));
            ClientWaits.await(() -> store.channel("gated").orElseThrow().messages().lastSequence() == 1,
                    "the message is applied");
            assertNull(acked.get(), "acknowledged before it is durable");
            assertEquals(0, received.count(), "delivered before it is durable");

            store.openGate();
            received.await(1);
            ClientWaits.await(() -> acked.get() != null, "the PubAck comes once durable");
        }
    }

    /** A MEMORY store whose flush, like an fsync, takes its time: until the test lets it through. */
    private static final class GatedFlushStore extends ForwardingStore {
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedFlushStore() {
            super(new MemoryStore());
        }

        void closeGate() {
            gate = new CountDownLatch(1);
        }

        void openGate() {
            gate.countDown();
        }

        @Override
        public void flush() {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.flush();
        }

        @Override
        public boolean writesToDisk() {
            return true;
        }

        @Override
        public void close() {
            openGate();
            super.close();
        }
    }
}
