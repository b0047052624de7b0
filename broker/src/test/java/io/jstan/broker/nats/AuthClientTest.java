package io.jstan.broker.nats;

import io.jstan.broker.testing.AuthScenarios;
import io.jstan.broker.testing.RawConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --user/--pass and --auth ({@link AuthScenarios}) against an in-process server, and the auth timeout. */
class AuthClientTest {
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    final InProcessServer nats = new InProcessServer();

    @Test
    void rightUserAndPasswordConnect() throws Exception {
        withUser().rightUserAndPasswordPublishAndSubscribe("alice", "s3cret");
    }

    @Test
    void wrongPasswordIsRefused() {
        AuthScenarios scenarios = withUser();
        scenarios.wrongPasswordIsRefused("alice", "s3cret");
        scenarios.unknownUserIsRefused("alice", "s3cret");
    }

    @Test
    void missingCredentialsAreRefused() {
        withUser().missingCredentialsAreRefused();
    }

    @Test
    void rightTokenConnects() throws Exception {
        withToken().rightTokenPublishesAndSubscribes("open-sesame");
    }

    @Test
    void wrongOrMissingTokenIsRefused() {
        AuthScenarios scenarios = withToken();
        scenarios.wrongTokenIsRefused("open-sesame");
        scenarios.missingCredentialsAreRefused();
    }

    @Test
    void clientThatNeverSendsConnectIsClosedAfterTheAuthTimeout() throws Exception {
        NatsServer server = nats.start(new NatsServerOptions().user("alice").password("s3cret")
                .authTimeout(Duration.ofMillis(200)));

        try (RawConversation raw = RawConversation.open(server.port())) {
            assertTrue(raw.info().contains("\"auth_required\":true"), raw.info());
            assertEquals(List.of("-ERR 'Authentication Timeout'\r\n", RawConversation.CLOSED),
                    raw.exchangeUntilClosed(""));
        }
    }

    private AuthScenarios withUser() {
        return new AuthScenarios(nats.start(new NatsServerOptions().user("alice").password("s3cret")).port(),
                REFUSAL_TIMEOUT);
    }

    private AuthScenarios withToken() {
        return new AuthScenarios(nats.start(new NatsServerOptions().authToken("open-sesame")).port(),
                REFUSAL_TIMEOUT);
    }
}
