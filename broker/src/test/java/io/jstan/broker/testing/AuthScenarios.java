package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User/password and token authorization, against any server listening on 127.0.0.1:port that
 * requires the credentials the scenario is given: who gets in, and what the others are told.
 *
 * @param refusalTimeout jnats learns of a refusal at once but waits out its connection timeout
 *                       before saying so: the shorter, the faster a refusal is seen
 */
public record AuthScenarios(int port, Duration refusalTimeout) {
    private static final String AUTHORIZATION_VIOLATION = "Authorization Violation";

    public void rightUserAndPasswordPublishAndSubscribe(String user, String password) throws Exception {
        assertPublishesAndSubscribes(new Options.Builder().userInfo(user, password));
    }

    public void wrongPasswordIsRefused(String user, String password) {
        assertRefused(new Options.Builder().userInfo(user, password + "-wrong"));
    }

    public void unknownUserIsRefused(String user, String password) {
        assertRefused(new Options.Builder().userInfo(user + "-unknown", password));
    }

    public void missingCredentialsAreRefused() {
        assertRefused(new Options.Builder());
    }

    public void rightTokenPublishesAndSubscribes(String token) throws Exception {
        assertPublishesAndSubscribes(new Options.Builder().token(token.toCharArray()));
    }

    public void wrongTokenIsRefused(String token) {
        assertRefused(new Options.Builder().token((token + "-wrong").toCharArray()));
    }

    private void assertPublishesAndSubscribes(Options.Builder credentials) throws Exception {
        try (Connection nc = Nats.connect(withServer(credentials))) {
            ClientWaits.assertRoundTrip(nc, "auth.ok", "in");
        }
    }

    private void assertRefused(Options.Builder credentials) {
        Options refusedQuickly = withServer(credentials.connectionTimeout(refusalTimeout));
        IOException refused = assertThrows(IOException.class, () -> Nats.connect(refusedQuickly).close());
        assertTrue(String.valueOf(refused.getMessage()).contains(AUTHORIZATION_VIOLATION), refused.toString());
    }

    private Options withServer(Options.Builder options) {
        return options.server("nats://127.0.0.1:" + port).noReconnect().build();
    }
}
