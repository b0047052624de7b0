package io.jstan.broker.streaming;

import io.jstan.broker.testing.StanQueueGroupScenarios;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link StanQueueGroupScenarios}, plain and durable queue groups, against the in-process streaming server on a MEMORY store. */
class StanQueueGroupTest {
    @RegisterExtension
    final InProcessStreaming server = newServer();

    /** On a MEMORY store; a subclass runs the same tests on another. */
    InProcessStreaming newServer() {
        return new InProcessStreaming();
    }

    private StanQueueGroupScenarios scenarios(boolean durable) {
        return new StanQueueGroupScenarios(server.clients(), durable);
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void twoHealthyMembersShareALiveStreamEvenly(boolean durable) throws Exception {
        scenarios(durable).healthyMembersShareALiveStreamEvenly(2);
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void threeHealthyMembersShareALiveStreamEvenly(boolean durable) throws Exception {
        scenarios(durable).healthyMembersShareALiveStreamEvenly(3);
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void membersShareABurstEvenly(boolean durable) throws Exception {
        scenarios(durable).membersShareABurstEvenly();
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void aSlowMemberGetsNoNewMessageWhileTheOtherHoldsFewer(boolean durable) throws Exception {
        scenarios(durable).aSlowMemberGetsNoNewMessageWhileTheOtherHoldsFewer();
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void aMemberThatNeverAcksHasItsMessagesRedeliveredToAnother(boolean durable) throws Exception {
        scenarios(durable).aMemberThatNeverAcksHasItsMessagesRedeliveredToAnother();
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void aMemberWithMaxInFlightOneHoldsOneMessageAtMost(boolean durable) throws Exception {
        scenarios(durable).aMemberWithMaxInFlightOneHoldsOneMessageAtMost();
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void aLeavingMembersMessagesGoToTheMemberWithRoom(boolean durable) throws Exception {
        scenarios(durable).aLeavingMembersMessagesGoToTheMemberWithRoom();
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void redeliveryCountGoesOnFromMemberToMember(boolean durable) throws Exception {
        scenarios(durable).redeliveryCountGoesOnFromMemberToMember();
    }

    @ParameterizedTest(name = "durable={0}")
    @ValueSource(booleans = {false, true})
    void aMemberWhoseClientMissedAHeartbeatIsPassedOver(boolean durable) throws Exception {
        server.start(new StreamingOptions().heartbeatInterval(StanQueueGroupScenarios.HEARTBEAT_INTERVAL)
                .heartbeatTimeout(StanQueueGroupScenarios.HEARTBEAT_TIMEOUT).heartbeatFailCount(1000));
        scenarios(durable).aMemberWhoseClientMissedAHeartbeatIsPassedOver();
    }
}
