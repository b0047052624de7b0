package io.jstan.broker.nats;

import io.jstan.broker.testing.VerboseScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verbose mode ({@link VerboseScenarios}) against an in-process server. */
class VerboseClientTest {
    @RegisterExtension
    final InProcessServer nats = new InProcessServer();

    @Test
    void jnatsWorksInVerboseMode() throws Exception {
        new VerboseScenarios(nats.port()).jnatsWorksInVerboseMode();
    }

    @Test
    void everyConnectPubSubAndUnsubIsAcknowledged() throws Exception {
        new VerboseScenarios(nats.port()).everyConnectPubSubAndUnsubIsAcknowledged();
    }
}
