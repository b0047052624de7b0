package io.jstan.cli.it;

import io.jstan.broker.testing.StanDeliveryScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StanDeliveryScenarios} with the official java-nats-streaming client against one {@code jstan}
 * process started from the jar with its defaults: each scenario has channels and client IDs of its own, so they share the process.
 */
@Timeout(120)
class JarStanDeliveryIT {
    private static JstanJar jstan;
    private static StanDeliveryScenarios scenarios;

    @BeforeAll
    static void startJstan() throws Exception {
        jstan = JstanJar.localStreaming();
        scenarios = new StanDeliveryScenarios(jstan.stanClients());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void unacknowledgedMessageIsRedeliveredAfterAckWait() throws Exception {
        scenarios.unacknowledgedMessageIsRedeliveredAfterAckWait();
    }

    @Test
    void redeliveryCountGrowsWithEachRedelivery() throws Exception {
        scenarios.redeliveryCountGrowsWithEachRedelivery();
    }

    @Test
    void maxInFlightHoldsBackDeliveryUntilAcked() throws Exception {
        scenarios.maxInFlightHoldsBackDeliveryUntilAcked();
    }

    @Test
    void acknowledgingFreesTheWindowForTheRest() throws Exception {
        scenarios.acknowledgingFreesTheWindowForTheRest();
    }

    @Test
    void queueGroupGivesEachMessageToOneMember() throws Exception {
        scenarios.queueGroupGivesEachMessageToOneMember();
    }

    @Test
    void leavingMembersUnacknowledgedMessagesGoToTheOthers() throws Exception {
        scenarios.leavingMembersUnacknowledgedMessagesGoToTheOthers();
    }

    @Test
    void durableResumesAfterItsLastAcknowledgedMessage() throws Exception {
        scenarios.durableResumesAfterItsLastAcknowledgedMessage();
    }

    @Test
    void durableResumesWithWhatItDidNotAcknowledge() throws Exception {
        scenarios.durableResumesWithWhatItDidNotAcknowledge();
    }

    @Test
    void durableUnsubscribeDeletesItsPosition() throws Exception {
        scenarios.durableUnsubscribeDeletesItsPosition();
    }

    @Test
    void aDurableCannotBeRegisteredTwice() throws Exception {
        scenarios.aDurableCannotBeRegisteredTwice();
    }

    @Test
    void durableQueueGroupOutlivesItsLastMembersClose() throws Exception {
        scenarios.durableQueueGroupOutlivesItsLastMembersClose();
    }
}
