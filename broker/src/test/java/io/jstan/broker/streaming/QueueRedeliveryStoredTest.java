package io.jstan.broker.streaming;

import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.TestDirectories;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue member's expired message redelivered to another member is stored as pending for that
 * member and no longer for the first, so a restarted server redelivers it to the right one, once.
 */
class QueueRedeliveryStoredTest {
    @RegisterExtension
    final InProcessStreaming server = new InProcessStreaming();
    private final Path dir = TestDirectories.create("jstan-queue-redelivery");

    @AfterEach
    void removeStore() {
        TestDirectories.deleteRecursively(dir);
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void aMessageRedeliveredToAnotherMemberIsStoredAsPendingForThatMember(boolean durable) throws Exception {
        FileStore store = new FileStore(dir, FileStoreOptions.DEFAULTS);
        StreamingServer streaming = server.start(new StreamingOptions(), store);
        StreamingConnection stuck = server.clients().connect("stuck");
        StreamingConnection worker = server.clients().connect("worker");
        try {
            StanClients.Received first = new StanClients.Received();
            stuck.subscribe("jobs", "crew", first, member(durable).ackWait(Duration.ofSeconds(1)).build());
            StanClients.Received second = new StanClients.Received();
            worker.subscribe("jobs", "crew", second, member(durable).ackWait(Duration.ofSeconds(30)).build());
            worker.publish("jobs", bytes("job"));
            first.await(1);

            Message taken = second.await(1).get(0);
            assertTrue(taken.isRedelivered());
            // Applied after what the redelivery recorded: once it is acknowledged, that is stored too.
            worker.publish("other", bytes("after"));
            streaming.close();
            store.close();
        } finally {
            stuck.getNatsConnection().close();
            worker.getNatsConnection().close();
        }

        try (FileStore reopened = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            Map<String, SortedSet<Long>> pendingByClient = reopened.recover().orElseThrow().channels().get("jobs")
                    .subscriptions().stream()
                    .collect(Collectors.toMap(sub -> sub.state().getClientID(), RecoveredSubscription::pending));
            assertEquals(Set.of(), pendingByClient.get("stuck"), "pending for the member that did not ack");
            assertEquals(Set.of(1L), pendingByClient.get("worker"), "pending for the member it was redelivered to");
        }
    }

    private static SubscriptionOptions.Builder member(boolean durable) {
        SubscriptionOptions.Builder options = new SubscriptionOptions.Builder().manualAcks();
        return durable ? options.durableName("shift") : options;
    }
}
