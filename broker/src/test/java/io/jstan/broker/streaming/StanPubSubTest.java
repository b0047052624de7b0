package io.jstan.broker.streaming;

import io.jstan.broker.testing.StanPubSubScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StanPubSubScenarios} against the in-process streaming server on a MEMORY store. */
class StanPubSubTest {
    @RegisterExtension
    final InProcessStreaming server = newServer();

    /** On a MEMORY store; a subclass runs the same tests on another. */
    InProcessStreaming newServer() {
        return new InProcessStreaming();
    }

    private StanPubSubScenarios scenarios() {
        return new StanPubSubScenarios(server.clients());
    }

    @Test
    void subscriberReceivesPublishedMessagesInOrder() throws Exception {
        scenarios().subscriberReceivesPublishedMessagesInOrder();
    }

    @Test
    void newOnlyStartsAfterTheLastStoredMessage() throws Exception {
        scenarios().newOnlyStartsAfterTheLastStoredMessage();
    }

    @Test
    void lastReceivedStartsWithTheLastStoredMessage() throws Exception {
        scenarios().lastReceivedStartsWithTheLastStoredMessage();
    }

    @Test
    void sequenceStartBeginsAtThatSequence() throws Exception {
        scenarios().sequenceStartBeginsAtThatSequence();
    }

    @Test
    void timeStartBeginsAtTheFirstMessageStoredSinceThen() throws Exception {
        scenarios().timeStartBeginsAtTheFirstMessageStoredSinceThen();
    }

    @Test
    void deliverAllStartsAtTheFirstMessage() throws Exception {
        scenarios().deliverAllStartsAtTheFirstMessage();
    }

    @Test
    void manyAsyncPublishesAreAllAckedAndDeliveredInOrder() throws Exception {
        scenarios().manyAsyncPublishesAreAllAckedAndDeliveredInOrder();
    }

    @Test
    void invalidChannelNamesAreRefused() throws Exception {
        scenarios().invalidChannelNamesAreRefused();
    }

    @Test
    void aChannelNameDifferingOnlyByCaseIsRefused() throws Exception {
        scenarios().aChannelNameDifferingOnlyByCaseIsRefused();
    }

    @Test
    void aSecondConnectWithALiveClientsIdIsRefused() throws Exception {
        scenarios().aSecondConnectWithALiveClientsIdIsRefused();
    }

    @Test
    void connectingWithAWrongClusterIdTimesOut() {
        scenarios().connectingWithAWrongClusterIdTimesOut();
    }
}
