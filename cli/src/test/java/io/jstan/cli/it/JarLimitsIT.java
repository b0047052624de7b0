package io.jstan.cli.it;

import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.LimitScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits ({@link LimitScenarios}) set in a nats-server style configuration file passed with {@code -c}. */
@Timeout(60)
class JarLimitsIT {
    private static final int MAX_PAYLOAD = 1024;
    private static final int MAX_PENDING = 64 * 1024;
    private static final String CONFIG = """
            # nats-server syntax
            max_payload: 1024
            max_pending: 65536
            """;

    private static JstanJar jstan;
    private static LimitScenarios scenarios;

    @BeforeAll
    static void startJstan() throws Exception {
        jstan = JstanJar.localWithConfig(CONFIG);
        scenarios = new LimitScenarios(jstan.port());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void payloadOfExactlyMaxPayloadIsDelivered() throws Exception {
        scenarios.payloadOfExactlyMaxPayloadIsDelivered(MAX_PAYLOAD);
    }

    @Test
    void publishOverMaxPayloadIsAnsweredWithAnErrorAndClosed() throws Exception {
        scenarios.serverAnswersAPublishOverMaxPayloadWithAnErrorAndCloses(MAX_PAYLOAD);
    }

    @Test
    void jnatsRefusesToPublishOverMaxPayload() throws Exception {
        scenarios.jnatsRefusesToPublishOverMaxPayload(MAX_PAYLOAD);
    }

    @Test
    void subscriberThatNeverReadsIsCutOffWhileOthersKeepReceivingEverything() throws Throwable {
        scenarios.subscriberThatNeverReadsIsCutOffWhileOthersKeepFlowing(MAX_PAYLOAD,
                () -> jstan.awaitOutput("Slow Consumer Detected: MaxPending of " + MAX_PENDING, ClientWaits.WAIT));
    }
}
