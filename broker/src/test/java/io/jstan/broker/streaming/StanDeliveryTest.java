package io.jstan.broker.streaming;

import io.jstan.broker.testing.StanDeliveryScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StanDeliveryScenarios} against the in-process streaming server on a MEMORY store. */
class StanDeliveryTest {
    @RegisterExtension
    final InProcessStreaming server = newServer();

    /** On a MEMORY store; a subclass runs the same tests on another. */
    InProcessStreaming newServer() {
        return new InProcessStreaming();
    }

    private StanDeliveryScenarios scenarios() {
        return new StanDeliveryScenarios(server.clients());
    }

    @Test
    void unacknowledgedMessageIsRedeliveredAfterAckWait() throws Exception {
        scenarios().unacknowledgedMessageIsRedeliveredAfterAckWait();
    }

    @Test
    void redeliveryCountGrowsWithEachRedelivery() throws Exception {
        scenarios().redeliveryCountGrowsWithEachRedelivery();
    }

    @Test
    void maxInFlightHoldsBackDeliveryUntilAcked() throws Exception {
        scenarios().maxInFlightHoldsBackDeliveryUntilAcked();
    }

    @Test
    void acknowledgingFreesTheWindowForTheRest() throws Exception {
        scenarios().acknowledgingFreesTheWindowForTheRest();
    }

    @Test
    void queueGroupGivesEachMessageToOneMember() throws Exception {
        scenarios().queueGroupGivesEachMessageToOneMember();
    }

    @Test
    void leavingMembersUnacknowledgedMessagesGoToTheOthers() throws Exception {
        scenarios().leavingMembersUnacknowledgedMessagesGoToTheOthers();
    }

    @Test
    void durableResumesAfterItsLastAcknowledgedMessage() throws Exception {
        scenarios().durableResumesAfterItsLastAcknowledgedMessage();
    }

    @Test
    void durableResumesWithWhatItDidNotAcknowledge() throws Exception {
        scenarios().durableResumesWithWhatItDidNotAcknowledge();
    }

    @Test
    void durableUnsubscribeDeletesItsPosition() throws Exception {
        scenarios().durableUnsubscribeDeletesItsPosition();
    }

    @Test
    void aDurableCannotBeRegisteredTwice() throws Exception {
        scenarios().aDurableCannotBeRegisteredTwice();
    }

    @Test
    void durableQueueGroupOutlivesItsLastMembersClose() throws Exception {
        scenarios().durableQueueGroupOutlivesItsLastMembersClose();
    }
}
