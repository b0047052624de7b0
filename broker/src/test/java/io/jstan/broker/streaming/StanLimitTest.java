package io.jstan.broker.streaming;

import io.jstan.broker.testing.StanLimitScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StanLimitScenarios} against the in-process streaming server on a MEMORY store, started with their settings. */
class StanLimitTest {
    @RegisterExtension
    final InProcessStreaming server = newServer();

    /** On a MEMORY store; a subclass runs the same tests on another. */
    InProcessStreaming newServer() {
        return new InProcessStreaming();
    }

    private StanLimitScenarios scenarios() {
        server.start(StanLimitScenarios.options());
        return new StanLimitScenarios(server.clients());
    }

    @Test
    void oldestMessagesGoWhenAChannelIsOverMaxMsgs() throws Exception {
        scenarios().oldestMessagesGoWhenAChannelIsOverMaxMsgs();
    }

    @Test
    void aChannelOverMaxChannelsIsRefused() throws Exception {
        scenarios().aChannelOverMaxChannelsIsRefused();
    }

    @Test
    void aSubscriptionOverMaxSubsIsRefused() throws Exception {
        scenarios().aSubscriptionOverMaxSubsIsRefused();
    }

    @Test
    void messagesOlderThanTheirChannelsMaxAgeExpire() throws Exception {
        scenarios().messagesOlderThanTheirChannelsMaxAgeExpire();
    }

    @Test
    void aChannelInactiveForItsMaxInactivityIsDeleted() throws Exception {
        scenarios().aChannelInactiveForItsMaxInactivityIsDeleted();
    }

    @Test
    void aClientThatStopsAnsweringHeartbeatsIsRemoved() throws Exception {
        scenarios().aClientThatStopsAnsweringHeartbeatsIsRemoved();
    }

    @Test
    void aConnectTakesOverTheIdOfAClientThatDoesNotAnswer() throws Exception {
        scenarios().aConnectTakesOverTheIdOfAClientThatDoesNotAnswer();
    }
}
