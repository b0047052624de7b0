package io.jstan.cli.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client tools from the jar against a jstan server with no streaming cluster of the ID they
 * ask for: they fail at once, in one line, exit 1. This runs the official streaming client and
 * jnats as shaded into the jar, whether the streaming engine is there or not.
 */
@Timeout(60)
class JarToolsConnectIT {
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(30);

    private static JstanJar server;

    @BeforeAll
    static void startServer() throws Exception {
        server = JstanJar.local();
    }

    @AfterAll
    static void stopServer() throws Exception {
        JstanJar.closeAll(server);
    }

    @Test
    void pubToAnUnknownClusterIdFailsInOneLine() throws Exception {
        assertCannotConnect("pub", "orders", "hello");
    }

    @Test
    void subToAnUnknownClusterIdFailsInOneLine() throws Exception {
        assertCannotConnect("sub", "orders");
    }

    private static void assertCannotConnect(String tool, String... positional) throws Exception {
        List<String> args = new ArrayList<>(List.of(tool, "-s", server.url(), "-c", "no-such-cluster", "-id", "it-client"));
        args.addAll(List.of(positional));
        try (JstanJar jar = JstanJar.launch(args.toArray(String[]::new))) {
            assertEquals(1, jar.awaitExit(TOOL_DEADLINE), jar.output());
            assertEquals("jstan " + tool + ": can't connect to " + server.url()
                    + " (cluster ID 'no-such-cluster', client ID 'it-client'): stan: connect request timeout\n", jar.output());
        }
    }
}
