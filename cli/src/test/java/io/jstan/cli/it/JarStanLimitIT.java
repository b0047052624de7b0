package io.jstan.cli.it;

import io.jstan.broker.testing.StanLimitScenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StanLimitScenarios} against a {@code jstan} process started from the jar with their
 * flags and configuration file, one process per scenario since limits count what all do.
 */
@Timeout(120)
class JarStanLimitIT {
    private JstanJar jstan;
    private StanLimitScenarios scenarios;

    @BeforeEach
    void startJstan() throws Exception {
        jstan = JstanJar.localWithConfig(StanLimitScenarios.CONFIG, StanLimitScenarios.FLAGS.toArray(String[]::new));
        jstan.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
        scenarios = new StanLimitScenarios(jstan.stanClients());
    }

    @AfterEach
    void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void oldestMessagesGoWhenAChannelIsOverMaxMsgs() throws Exception {
        scenarios.oldestMessagesGoWhenAChannelIsOverMaxMsgs();
    }

    @Test
    void aChannelOverMaxChannelsIsRefused() throws Exception {
        scenarios.aChannelOverMaxChannelsIsRefused();
    }

    @Test
    void aSubscriptionOverMaxSubsIsRefused() throws Exception {
        scenarios.aSubscriptionOverMaxSubsIsRefused();
    }

    @Test
    void messagesOlderThanTheirChannelsMaxAgeExpire() throws Exception {
        scenarios.messagesOlderThanTheirChannelsMaxAgeExpire();
    }

    @Test
    void aChannelInactiveForItsMaxInactivityIsDeleted() throws Exception {
        scenarios.aChannelInactiveForItsMaxInactivityIsDeleted();
    }

    @Test
    void aClientThatStopsAnsweringHeartbeatsIsRemoved() throws Exception {
        scenarios.aClientThatStopsAnsweringHeartbeatsIsRemoved();
    }

    @Test
    void aConnectTakesOverTheIdOfAClientThatDoesNotAnswer() throws Exception {
        scenarios.aConnectTakesOverTheIdOfAClientThatDoesNotAnswer();
    }
}
