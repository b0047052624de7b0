package io.jstan.broker.testing;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;

import java.io.IOException;
import java.util.List;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server started with --replace_durable, as nats-streaming-server 0.25 behaves with it: a client
 * subscribing again with the name of its durable that is still online (a request it retried after
 * a timeout, say) gets the durable, instead of a duplicate error. The old subscription is closed:
 * it gets nothing more, the server no longer knows its inbox, and what it left unacknowledged
 * goes to the new one, marked redelivered.
 */
public final class ReplaceDurableScenarios {
    private static final SubscriptionOptions DURABLE = new SubscriptionOptions.Builder()
            .durableName("ledger").manualAcks().deliverAllAvailable().build();

    private final StanClients clients;

    public ReplaceDurableScenarios(StanClients clients) {
        this.clients = clients;
    }

    public void subscribingAgainReplacesTheOnlineDurable() throws Exception {
        try (StreamingConnection connection = clients.connect("bookkeeper")) {
            connection.publish("entries", bytes("1"));
            connection.publish("entries", bytes("2"));
            StanClients.Received first = new StanClients.Received();
            Subscription old = connection.subscribe("entries", first, DURABLE);
            first.await(2);

            StanClients.Received second = StanClients.Received.acking();
            connection.subscribe("entries", second, DURABLE);
            List<Message> taken = second.await(2);
            assertEquals(List.of(1L, 2L), second.sequences());
            assertTrue(taken.stream().allMatch(Message::isRedelivered), "left unacknowledged by the old subscription");

            connection.publish("entries", bytes("3"));
            second.await(3);
            assertEquals(List.of(1L, 2L, 3L), second.sequences());
            assertEquals(2, first.count(), "the old subscription gets nothing more");

            IOException closed = assertThrows(IOException.class, old::close);
            assertEquals("stan: stan: invalid subscription", closed.getMessage());
        }
    }

    /** A durable of another client with the same name is another durable: both stay. */
    public void anotherClientsDurableOfTheSameNameIsLeftAlone() throws Exception {
        try (StreamingConnection one = clients.connect("clerk-1"); StreamingConnection two = clients.connect("clerk-2")) {
            StanClients.Received firstClerk = StanClients.Received.acking();
            one.subscribe("desk", firstClerk, DURABLE);
            StanClients.Received secondClerk = StanClients.Received.acking();
            two.subscribe("desk", secondClerk, DURABLE);
            one.publish("desk", bytes("memo"));
            firstClerk.await(1);
            secondClerk.await(1);
            assertFalse(firstClerk.messages().get(0).isRedelivered());
            assertFalse(secondClerk.messages().get(0).isRedelivered());
        }
    }
}
