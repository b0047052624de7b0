package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --user/--pass and --auth: who gets in, what the others are told, and the auth timeout. */
class AuthClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(1);
    private static final String AUTHORIZATION_VIOLATION = "Authorization Violation";

    private NatsServer server;

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void rightUserAndPasswordConnect() throws Exception {
        start(new NatsServerOptions().user("alice").password("s3cret"));

        assertConnects(new Options.Builder().userInfo("alice", "s3cret"));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        start(new NatsServerOptions().user("alice").password("s3cret"));

        assertRefused(new Options.Builder().userInfo("alice", "guess"));
        assertRefused(new Options.Builder().userInfo("mallory", "s3cret"));
    }

    @Test
    void missingCredentialsAreRefused() throws Exception {
        start(new NatsServerOptions().user("alice").password("s3cret"));

        assertRefused(new Options.Builder());
    }

    @Test
    void rightTokenConnects() throws Exception {
        start(new NatsServerOptions().authToken("open-sesame"));

        assertConnects(new Options.Builder().token("open-sesame".toCharArray()));
    }

    @Test
    void wrongOrMissingTokenIsRefused() throws Exception {
        start(new NatsServerOptions().authToken("open-sesame"));

        assertRefused(new Options.Builder().token("open-barley".toCharArray()));
        assertRefused(new Options.Builder());
    }

    @Test
    void clientThatNeverSendsConnectIsClosedAfterTheAuthTimeout() throws Exception {
        start(new NatsServerOptions().user("alice").password("s3cret").authTimeout(Duration.ofMillis(200)));

        try (RawConversation raw = RawConversation.open(server.port())) {
            assertTrue(raw.info().contains("\"auth_required\":true"), raw.info());
            assertEquals(List.of("-ERR 'Authentication Timeout'\r\n", RawConversation.CLOSED),
                    raw.exchangeUntilClosed(""));
        }
    }

    private void start(NatsServerOptions options) throws IOException {
        server = new NatsServer(options.host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
    }

    private void assertConnects(Options.Builder options) throws Exception {
        try (Connection nc = Nats.connect(withServer(options))) {
            nc.flush(WAIT);
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        }
    }

    private void assertRefused(Options.Builder options) {
        // jnats learns of the refusal at once but waits out its connection timeout before saying so.
        Options refusedQuickly = withServer(options.connectionTimeout(REFUSAL_TIMEOUT));
        IOException refused = assertThrows(IOException.class, () -> Nats.connect(refusedQuickly).close());
        assertTrue(String.valueOf(refused.getMessage()).contains(AUTHORIZATION_VIOLATION), refused.toString());
    }

    private Options withServer(Options.Builder options) {
        return options.server("nats://127.0.0.1:" + server.port()).noReconnect().build();
    }
}
