package io.jstan.cli.it;

import io.jstan.broker.testing.AuthScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

/** {@code --user/--pass} and {@code --auth} on the command line ({@link AuthScenarios}). */
@Timeout(60)
class JarAuthIT {
    /** jnats learns of a refusal at once but waits out its connection timeout before saying so. */
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(2);

    private static JstanJar withUser;
    private static JstanJar withToken;

    @BeforeAll
    static void startJstan() throws Exception {
        withUser = JstanJar.local("--user", "a", "--pass", "b");
        withToken = JstanJar.local("--auth", "tok");
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(withUser, withToken);
    }

    @Test
    void rightUserAndPasswordPublishAndSubscribe() throws Exception {
        scenarios(withUser).rightUserAndPasswordPublishAndSubscribe("a", "b");
    }

    @Test
    void wrongPasswordIsRefused() {
        scenarios(withUser).wrongPasswordIsRefused("a", "b");
    }

    @Test
    void rightTokenPublishesAndSubscribes() throws Exception {
        scenarios(withToken).rightTokenPublishesAndSubscribes("tok");
    }

    @Test
    void wrongTokenIsRefused() {
        scenarios(withToken).wrongTokenIsRefused("tok");
    }

    private static AuthScenarios scenarios(JstanJar jstan) {
        return new AuthScenarios(jstan.port(), REFUSAL_TIMEOUT);
    }
}
