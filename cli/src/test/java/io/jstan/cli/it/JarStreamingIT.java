package io.jstan.cli.it;

import io.jstan.store.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming server's startup as the jar logs it, and a store type it refuses. */
@Timeout(60)
class JarStreamingIT {
    /** The message of a log line: what follows {@code [pid] date time [LVL] }. */
    private static final Pattern MESSAGE = Pattern.compile("^\\[\\d+] \\S+ \\S+ \\[INF] (.*)$", Pattern.MULTILINE);
    private static final String READY = JstanJar.STREAMING_READY;
    private static final String CONFIG = """
            streaming {
              store_limits {
                max_msgs: 5000
                channels { "orders.>": { max_age: "1h" } }
              }
            }
            """;

    @Test
    void bannerInNatsStreamingServersOrder() throws Exception {
        try (JstanJar jstan = JstanJar.localWithConfig(CONFIG, "-cid", "it-cluster")) {
            jstan.awaitOutput(READY, JstanJar.START_DEADLINE);
            List<String> messages = messages(jstan.output());
            assertInOrder(messages, "STREAM: Starting jstan[it-cluster] version ", "STREAM: Java version: ",
                    "Listening for client connections on 127.0.0.1:" + jstan.port(), "Server is ready",
                    "STREAM: Message store is MEMORY");
            int table = messages.indexOf("STREAM: Message store is MEMORY") + 1;
            assertEquals(List.of(
                    "STREAM: ---------- Store Limits ----------",
                    "STREAM: Channels:                  100 *",
                    "STREAM: --------- Channels Limits --------",
                    "STREAM:   Subscriptions:          1000 *",
                    "STREAM:   Messages     :          5000",
                    "STREAM:   Bytes        :     976.56 MB *",
                    "STREAM:   Age          :     unlimited *",
                    "STREAM:   Inactivity   :     unlimited *",
                    "STREAM: -------- List of Channels --------",
                    "STREAM: orders.>",
                    "STREAM:  |-> Age                    1h0m0s",
                    "STREAM: ----------------------------------",
                    READY), messages.subList(table, table + 13));
        }
    }

    @Test
    void monitoringServesTheStreamingEndpoints() throws Exception {
        int httpPort = FreePorts.next();
        try (JstanJar jstan = JstanJar.local("-m", Integer.toString(httpPort), "-cid", "watched")) {
            jstan.awaitOutput(READY, JstanJar.START_DEADLINE);
            HttpResponse<String> serverz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/streaming/serverz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, serverz.statusCode());
            assertTrue(serverz.body().contains("\"cluster_id\": \"watched\""), serverz.body());
        }
    }

    @Test
    void unreachableSqlDatabaseIsOneLineAndExitCodeOne() throws Exception {
        int closedPort = FreePorts.next();
        try (JstanJar jstan = JstanJar.launch("-st", "SQL", "--sql_driver", "postgres", "--sql_source",
                "host=127.0.0.1 port=" + closedPort + " user=nss dbname=nss sslmode=disable")) {
            assertEquals(1, jstan.awaitExit(JstanJar.START_DEADLINE));
            String failure = jstan.output().lines().filter(line -> line.contains("[FTL]")).findFirst().orElseThrow(() -> new AssertionError(jstan.output()));
            assertTrue(failure.contains("STREAM: Failed to start: cannot lock the store: cannot connect to the postgres database: "),
                    jstan.output());
            assertFalse(jstan.output().contains("\tat "), jstan.output());
        }
    }

    private static List<String> messages(String output) {
        Matcher matcher = MESSAGE.matcher(output);
        return matcher.results().map(match -> match.group(1)).toList();
    }

    /** Each of {@code starts} begins a message, after the message the one before it began. */
    private static void assertInOrder(List<String> messages, String... starts) {
        int from = 0;
        for (String start : starts) {
            int at = from;
            while (at < messages.size() && !messages.get(at).startsWith(start)) {
                at++;
            }
            assertTrue(at < messages.size(), "no '" + start + "' after message " + from + " in " + messages);
            from = at + 1;
        }
    }
}
