package io.jstan.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    private static void assertRejected(String expectedMessage, Runnable conversion) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, conversion::run);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void sizes() {
        assertEquals(5L, ConfigValues.toSize("max_bytes", 5L));
        assertEquals(1024L, ConfigValues.toSize("max_bytes", "1024"));
        assertEquals(1_000L, ConfigValues.toSize("max_bytes", "1k"));
        assertEquals(1_024L, ConfigValues.toSize("max_bytes", "1KB"));
        assertEquals(1_024L, ConfigValues.toSize("max_bytes", "1KiB"));
        assertEquals(1_000_000L, ConfigValues.toSize("max_bytes", "1m"));
        assertEquals(1_048_576L, ConfigValues.toSize("max_bytes", "1MB"));
        assertEquals(1_048_576L, ConfigValues.toSize("max_bytes", "1mi"));
        assertEquals(2_147_483_648L, ConfigValues.toSize("max_bytes", "2GB"));
        assertEquals(2_000_000_000L, ConfigValues.toSize("max_bytes", "2G"));
        assertEquals(-1_000_000L, ConfigValues.toSize("max_bytes", "-1m"));
    }

    @Test
    void sizesWrittenUnquotedInAConfig() throws ConfigException {
        Map<String, Object> config = ConfigParser.parse("max_bytes: 1GB\nmax_msgs = 10k", Path.of("/etc/jstan.conf"));
        assertEquals(1_073_741_824L, ConfigValues.toSize("max_bytes", config.get("max_bytes")));
        assertEquals(10_000L, ConfigValues.toSize("max_msgs", config.get("max_msgs")));
    }

    @Test
    void badSizes() {
        assertRejected("option 'max_bytes': '1 MB' is not a size", () -> ConfigValues.toSize("max_bytes", "1 MB"));
        assertRejected("option 'max_bytes': unknown size unit 'kbb' in '1kbb' (known: k, m, g, t, p, e for powers of 1000;"
                + " kb, ki, kib, mb, ... for powers of 1024)", () -> ConfigValues.toSize("max_bytes", "1kbb"));
        assertRejected("option 'max_bytes': size '9EB' is out of range", () -> ConfigValues.toSize("max_bytes", "9EB"));
        assertRejected("option 'max_bytes': expected a size such as 1048576, 1MB or \"1GB\", got the number 1.5",
                () -> ConfigValues.toSize("max_bytes", 1.5));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(30), ConfigValues.toDuration("max_age", 30L));
        assertEquals(Duration.ofMinutes(2), ConfigValues.toDuration("max_age", "2m"));
        assertEquals(Duration.ofMinutes(90), ConfigValues.toDuration("max_age", "1h30m"));
        assertEquals(Duration.ofMillis(500), ConfigValues.toDuration("max_age", "500ms"));
        assertEquals(Duration.ofMillis(1500), ConfigValues.toDuration("max_age", "1.5s"));
        assertEquals(Duration.ofNanos(10_000), ConfigValues.toDuration("max_age", "10us"));
        assertEquals(Duration.ofNanos(10_000), ConfigValues.toDuration("max_age", "10\u00b5s"));
        assertEquals(Duration.ofNanos(7), ConfigValues.toDuration("max_age", "7ns"));
        assertEquals(Duration.ofMinutes(-90), ConfigValues.toDuration("max_age", "-1.5h"));
        assertEquals(Duration.ofMillis(500), ConfigValues.toDuration("max_age", ".5s"));
        assertEquals(Duration.ofSeconds(1), ConfigValues.toDuration("max_age", "1.s"));
        assertEquals(Duration.ofMillis(3_661_500), ConfigValues.toDuration("max_age", "1h1m1.5s"));
        assertEquals(Duration.ZERO, ConfigValues.toDuration("max_age", "0"));
        assertEquals(Duration.ofSeconds(1), ConfigValues.toDuration("max_age", "1.0000000009s"), "truncates as Go does");
    }

    @Test
    void unquotedMinutesInAConfigAreASizeReadAsSeconds() throws ConfigException {
        // As in nats-server: unquoted 2m is the integer 2000000, which a duration option reads as seconds.
        Map<String, Object> config = ConfigParser.parse("max_age: 2m\nmax_inactivity: \"2m\"", Path.of("/etc/jstan.conf"));
        assertEquals(Duration.ofSeconds(2_000_000), ConfigValues.toDuration("max_age", config.get("max_age")));
        assertEquals(Duration.ofMinutes(2), ConfigValues.toDuration("max_inactivity", config.get("max_inactivity")));
    }

    @Test
    void badDurations() {
        String expected = "option 'max_age': '%s' is not a duration such as \"2m\", \"1h30m\" or \"500ms\": %s";
        assertRejected(String.format(expected, "", "it is empty"), () -> ConfigValues.toDuration("max_age", ""));
        assertRejected(String.format(expected, "2", "a number has no unit"), () -> ConfigValues.toDuration("max_age", "2"));
        assertRejected(String.format(expected, "2d", "unknown unit 'd' (known: ns, us, ms, s, m, h)"),
                () -> ConfigValues.toDuration("max_age", "2d"));
        assertRejected(String.format(expected, "h", "expected a number before each unit"),
                () -> ConfigValues.toDuration("max_age", "h"));
        assertRejected(String.format(expected, "1..5s", "expected a number before each unit"),
                () -> ConfigValues.toDuration("max_age", "1..5s"));
        assertRejected(String.format(expected, "3000000h", "it is out of range"),
                () -> ConfigValues.toDuration("max_age", "3000000h"));
        assertRejected("option 'max_age': expected a duration such as \"2m\", \"1h30m\" or \"500ms\", got the boolean true",
                () -> ConfigValues.toDuration("max_age", true));
    }

    @Test
    void booleans() {
        assertTrue(ConfigValues.toBoolean("debug", true));
        assertFalse(ConfigValues.toBoolean("debug", false));
        assertRejected("option 'debug': expected a boolean (true, false, yes, no, on or off, unquoted),"
                + " got the string \"true\"", () -> ConfigValues.toBoolean("debug", "true"));
    }

    @Test
    void strings() {
        assertEquals("jstan", ConfigValues.toStringValue("cluster_id", "jstan"));
        assertRejected("option 'cluster_id': expected a string, got the number 42",
                () -> ConfigValues.toStringValue("cluster_id", 42L));
        assertRejected("option 'cluster_id': expected a string, got an array",
                () -> ConfigValues.toStringValue("cluster_id", List.of("a")));
    }

    @Test
    void longs() {
        assertEquals(4222L, ConfigValues.toLong("port", 4222L));
        assertRejected("option 'port': expected an integer, got the string \"4222\"", () -> ConfigValues.toLong("port", "4222"));
        assertRejected("option 'port': expected an integer, got a map", () -> ConfigValues.toLong("port", Map.of()));
    }
}
