package io.jstan.cli.it;

import io.jstan.broker.testing.StanBadInputScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StanBadInputScenarios} with the official java-nats-streaming client against one {@code jstan}
 * process started from the jar with its defaults: each scenario has channels and client IDs of its own, so they share the process.
 */
@Timeout(120)
class JarStanBadInputIT {
    private static JstanJar jstan;
    private static StanBadInputScenarios scenarios;

    @BeforeAll
    static void startJstan() throws Exception {
        jstan = JstanJar.localStreaming();
        scenarios = new StanBadInputScenarios(jstan.stanClients());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void garbageOnEverySubjectGetsTheProtocolsErrorsWhileAClientKeepsWorking() throws Exception {
        scenarios.garbageOnEverySubjectGetsTheProtocolsErrorsWhileAClientKeepsWorking();
    }

    @Test
    void connectRequestsWithMissingOrWrongFieldsAreRefused() throws Exception {
        scenarios.connectRequestsWithMissingOrWrongFieldsAreRefused();
    }

    @Test
    void requestsFromUnknownClientsAreRefused() throws Exception {
        scenarios.requestsFromUnknownClientsAreRefused();
    }

    @Test
    void subscriptionRequestsWithInvalidSettingsAreRefused() throws Exception {
        scenarios.subscriptionRequestsWithInvalidSettingsAreRefused();
    }
}
