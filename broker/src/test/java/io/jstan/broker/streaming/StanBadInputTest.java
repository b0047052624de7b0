package io.jstan.broker.streaming;

import io.jstan.broker.testing.StanBadInputScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StanBadInputScenarios} against the in-process streaming server. */
class StanBadInputTest {
    @RegisterExtension
    final InProcessStreaming server = new InProcessStreaming();

    private StanBadInputScenarios scenarios() {
        return new StanBadInputScenarios(server.clients());
    }

    @Test
    void garbageOnEverySubjectGetsTheProtocolsErrorsWhileAClientKeepsWorking() throws Exception {
        scenarios().garbageOnEverySubjectGetsTheProtocolsErrorsWhileAClientKeepsWorking();
    }

    @Test
    void connectRequestsWithMissingOrWrongFieldsAreRefused() throws Exception {
        scenarios().connectRequestsWithMissingOrWrongFieldsAreRefused();
    }

    @Test
    void requestsFromUnknownClientsAreRefused() throws Exception {
        scenarios().requestsFromUnknownClientsAreRefused();
    }

    @Test
    void subscriptionRequestsWithInvalidSettingsAreRefused() throws Exception {
        scenarios().subscriptionRequestsWithInvalidSettingsAreRefused();
    }
}
