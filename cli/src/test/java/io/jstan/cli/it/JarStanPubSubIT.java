package io.jstan.cli.it;

import io.jstan.broker.testing.StanPubSubScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StanPubSubScenarios} with the official java-nats-streaming client against one {@code jstan}
 * process started from the jar with its defaults: each scenario has channels and client IDs of its own, so they share the process.
 */
@Timeout(120)
class JarStanPubSubIT {
    private static JstanJar jstan;
    private static StanPubSubScenarios scenarios;

    @BeforeAll
    static void startJstan() throws Exception {
        jstan = JstanJar.localStreaming();
        scenarios = new StanPubSubScenarios(jstan.stanClients());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void subscriberReceivesPublishedMessagesInOrder() throws Exception {
        scenarios.subscriberReceivesPublishedMessagesInOrder();
    }

    @Test
    void newOnlyStartsAfterTheLastStoredMessage() throws Exception {
        scenarios.newOnlyStartsAfterTheLastStoredMessage();
    }

    @Test
    void lastReceivedStartsWithTheLastStoredMessage() throws Exception {
        scenarios.lastReceivedStartsWithTheLastStoredMessage();
    }

    @Test
    void sequenceStartBeginsAtThatSequence() throws Exception {
        scenarios.sequenceStartBeginsAtThatSequence();
    }

    @Test
    void timeStartBeginsAtTheFirstMessageStoredSinceThen() throws Exception {
        scenarios.timeStartBeginsAtTheFirstMessageStoredSinceThen();
    }

    @Test
    void deliverAllStartsAtTheFirstMessage() throws Exception {
        scenarios.deliverAllStartsAtTheFirstMessage();
    }

    @Test
    void manyAsyncPublishesAreAllAckedAndDeliveredInOrder() throws Exception {
        scenarios.manyAsyncPublishesAreAllAckedAndDeliveredInOrder();
    }

    @Test
    void invalidChannelNamesAreRefused() throws Exception {
        scenarios.invalidChannelNamesAreRefused();
    }

    @Test
    void aChannelNameDifferingOnlyByCaseIsRefused() throws Exception {
        scenarios.aChannelNameDifferingOnlyByCaseIsRefused();
    }

    @Test
    void aSecondConnectWithALiveClientsIdIsRefused() throws Exception {
        scenarios.aSecondConnectWithALiveClientsIdIsRefused();
    }

    @Test
    void connectingWithAWrongClusterIdTimesOut() throws Exception {
        scenarios.connectingWithAWrongClusterIdTimesOut();
    }
}
