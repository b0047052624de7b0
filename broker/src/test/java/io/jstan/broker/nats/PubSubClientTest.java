package io.jstan.broker.nats;

import io.jstan.broker.testing.PubSubScenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish and subscribe as jnats users do it ({@link PubSubScenarios}) against an in-process
 * server, plus what only the in-process server shows: its counters and its subscriptions.
 */
class PubSubClientTest {
    @RegisterExtension
    final InProcessServer nats = new InProcessServer();
    private PubSubScenarios scenarios;

    @BeforeEach
    void startServer() {
        scenarios = new PubSubScenarios(nats.port());
    }

    @Test
    void subscriberReceivesWhatIsPublishedToItsSubject() throws Exception {
        scenarios.subscriberReceivesWhatIsPublishedToItsSubject();
    }

    @Test
    void emptyPayloadIsDelivered() throws Exception {
        scenarios.emptyPayloadIsDelivered();
    }

    @Test
    void partialWildcardMatchesExactlyOneToken() throws Exception {
        scenarios.partialWildcardMatchesExactlyOneToken();
    }

    @Test
    void fullWildcardMatchesOneOrMoreTrailingTokens() throws Exception {
        scenarios.fullWildcardMatchesOneOrMoreTrailingTokens();
    }

    @Test
    void queueGroupSharesMessagesWhilePlainSubscriberGetsThemAll() throws Exception {
        scenarios.queueGroupSharesMessagesWhilePlainSubscriberGetsThemAll();
    }

    @Test
    void headersWithSeveralValuesRoundTrip() throws Exception {
        scenarios.headersWithSeveralValuesRoundTrip();
    }

    @Test
    void subscriberWithoutHeadersSupportGetsOnlyThePayload() throws Exception {
        scenarios.subscriberWithoutHeadersSupportGetsOnlyThePayload();
    }

    @Test
    void unsubscribeWithMaxDeliversExactlyThatManyAndEndsTheSubscription() throws Throwable {
        NatsServer server = nats.server();
        scenarios.unsubscribeWithMaxDeliversExactlyThatMany(() -> {
            assertEquals(3, server.stats().outMessages(), "the server itself stopped at 3");
            assertTrue(server.router().all().stream()
                            .noneMatch(s -> s.subject().equals(PubSubScenarios.UNSUB_SUBJECT)),
                    "the server dropped the subscription after its 3 messages");
        });
        scenarios.serverStopsDeliveringAtTheUnsubMax();
    }

    @Test
    void noEchoKeepsAConnectionsOwnMessagesFromItsSubscriptions() throws Exception {
        scenarios.noEchoKeepsAConnectionsOwnMessagesFromItsSubscriptions();
    }

    @Test
    void messagesFromOnePublisherArriveInOrder() throws Exception {
        scenarios.messagesFromOnePublisherArriveInOrder();
    }

    @Test
    void binaryPayloadArrivesUnchanged() throws Exception {
        scenarios.binaryPayloadArrivesUnchanged();
    }
}
