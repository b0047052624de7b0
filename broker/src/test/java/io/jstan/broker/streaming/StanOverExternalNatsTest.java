package io.jstan.broker.streaming;

import io.jstan.broker.bus.JnatsBus;
import io.jstan.broker.testing.ReferenceNatsServer;
import io.jstan.broker.testing.StanClients;
import io.jstan.broker.testing.StanDeliveryScenarios;
import io.jstan.broker.testing.StanPubSubScenarios;
import io.jstan.store.memory.MemoryStore;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The engine on an external NATS server (what {@code -ns} does): Debian's nats-server carries
 * both the engine's connection and the clients'. A sample of the scenarios shows the protocol
 * works the same over a real network hop.
 */
class StanOverExternalNatsTest {
    private ReferenceNatsServer nats;
    private JnatsBus bus;
    private MemoryStore store;
    private StreamingServer streaming;
    private StanClients clients;

    @BeforeEach
    void start() throws Exception {
        nats = ReferenceNatsServer.start();
        bus = JnatsBus.connect(new Options.Builder().server(nats.url()).build());
        store = new MemoryStore();
        streaming = StreamingServer.start(bus, store, new StreamingOptions());
        clients = new StanClients(nats.url());
    }

    @AfterEach
    void stop() {
        streaming.close();
        store.close();
        bus.close();
        nats.close();
    }

    @Test
    void publishAndSubscribe() throws Exception {
        new StanPubSubScenarios(clients).subscriberReceivesPublishedMessagesInOrder();
    }

    @Test
    void manyAsyncPublishes() throws Exception {
        new StanPubSubScenarios(clients).manyAsyncPublishesAreAllAckedAndDeliveredInOrder();
    }

    @Test
    void redelivery() throws Exception {
        new StanDeliveryScenarios(clients).unacknowledgedMessageIsRedeliveredAfterAckWait();
    }

    @Test
    void queueGroupWithALeavingMember() throws Exception {
        new StanDeliveryScenarios(clients).leavingMembersUnacknowledgedMessagesGoToTheOthers();
    }

    @Test
    void durableResume() throws Exception {
        new StanDeliveryScenarios(clients).durableResumesAfterItsLastAcknowledgedMessage();
    }

    @Test
    void aSecondServerWithTheSameClusterIdDoesNotStart() throws Exception {
        try (JnatsBus secondBus = JnatsBus.connect(new Options.Builder().server(nats.url()).build());
             MemoryStore secondStore = new MemoryStore()) {
            StreamingStartException refused = assertThrows(StreamingStartException.class,
                    () -> StreamingServer.start(secondBus, secondStore, new StreamingOptions()));
            assertEquals("discovered another streaming server with cluster ID \"test-cluster\"", refused.getMessage());
        }
        new StanPubSubScenarios(clients).subscriberReceivesPublishedMessagesInOrder();
    }
}
