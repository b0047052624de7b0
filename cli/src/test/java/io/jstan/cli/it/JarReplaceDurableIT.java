package io.jstan.cli.it;

import io.jstan.broker.testing.ReplaceDurableScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nats-streaming-server flags a user's command line may carry: {@code --replace_durable}, with
 * {@link ReplaceDurableScenarios}, and {@code --syslog_name}, accepted with a warning that it has
 * no effect (it names the Windows event log source).
 */
@Timeout(120)
class JarReplaceDurableIT {
    private static JstanJar jstan;
    private static ReplaceDurableScenarios scenarios;

    @BeforeAll
    static void startJstan() throws Exception {
        jstan = JstanJar.localStreaming("--replace_durable", "--syslog_name", "stan-a");
        scenarios = new ReplaceDurableScenarios(jstan.stanClients());
    }

    @AfterAll
    static void stopJstan() throws Exception {
        JstanJar.closeAll(jstan);
    }

    @Test
    void syslogNameIsAcceptedWithAWarningThatItHasNoEffect() {
        assertTrue(jstan.output().contains("[WRN] syslog_name \"stan-a\" has no effect: it names the Windows event log source,"
                + " and jstan writes no Windows event log\n"), jstan.output());
    }

    @Test
    void subscribingAgainReplacesTheOnlineDurable() throws Exception {
        scenarios.subscribingAgainReplacesTheOnlineDurable();
    }

    @Test
    void anotherClientsDurableOfTheSameNameIsLeftAlone() throws Exception {
        scenarios.anotherClientsDurableOfTheSameNameIsLeftAlone();
    }
}
