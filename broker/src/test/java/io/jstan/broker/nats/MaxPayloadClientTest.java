package io.jstan.broker.nats;

import io.jstan.broker.testing.LimitScenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** max_payload ({@link LimitScenarios}): announced in INFO, enforced by jnats before sending and by the server on receipt. */
class MaxPayloadClientTest {
    private static final int MAX_PAYLOAD = 1024;

    @RegisterExtension
    final InProcessServer nats = new InProcessServer();
    private LimitScenarios scenarios;

    @BeforeEach
    void startServer() {
        scenarios = new LimitScenarios(nats.start(new NatsServerOptions().maxPayload(MAX_PAYLOAD)).port());
    }

    @Test
    void payloadOfExactlyMaxPayloadIsDelivered() throws Exception {
        scenarios.payloadOfExactlyMaxPayloadIsDelivered(MAX_PAYLOAD);
    }

    @Test
    void jnatsRefusesToPublishOverMaxPayload() throws Exception {
        scenarios.jnatsRefusesToPublishOverMaxPayload(MAX_PAYLOAD);
    }

    @Test
    void serverAnswersAPublishOverMaxPayloadWithAnErrorAndCloses() throws Exception {
        scenarios.serverAnswersAPublishOverMaxPayloadWithAnErrorAndCloses(MAX_PAYLOAD);
    }
}
