package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoFormatsTest {
    record Sample(@JsonProperty("at") Instant at, @JsonProperty("rate") double rate, @JsonProperty("list") List<String> list) {
    }

    @Test
    void uptimeIsNatsServersShortForm() {
        assertEquals("0s", GoUptime.format(Duration.ofMillis(999)));
        assertEquals("1m2s", GoUptime.format(Duration.ofSeconds(62)));
        assertEquals("2h0m5s", GoUptime.format(Duration.ofHours(2).plusSeconds(5)));
        assertEquals("3d4h5m6s", GoUptime.format(Duration.ofDays(3).plusHours(4).plusMinutes(5).plusSeconds(6)));
        assertEquals("1y1d0h0m0s", GoUptime.format(Duration.ofDays(366)));
        assertEquals("0s", GoUptime.format(Duration.ofSeconds(-3)));
    }

    @Test
    void timesDropTrailingZerosOfTheNanosecondsAsRfc3339Nano() {
        assertEquals("{\"at\":\"2026-01-02T03:04:05.1234Z\",\"rate\":0.25,\"list\":[]}",
                compact(new Sample(Instant.parse("2026-01-02T03:04:05.123400000Z"), 0.25, List.of())));
        assertEquals("{\"at\":\"2026-01-02T03:04:05Z\",\"rate\":2,\"list\":[]}",
                compact(new Sample(Instant.parse("2026-01-02T03:04:05Z"), 2.0, List.of())));
    }

    @Test
    void indentationIsGoMarshalIndents() {
        String indented = new String(new GoJson().write(
                new Sample(Instant.parse("2026-01-02T03:04:05Z"), 1.5, List.of("a", "b")), true), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "at": "2026-01-02T03:04:05Z",
                  "rate": 1.5,
                  "list": [
                    "a",
                    "b"
                  ]
                }""", indented);
        String empty = new String(new GoJson().write(
                new Sample(Instant.parse("2026-01-02T03:04:05Z"), 0, List.of()), true), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "at": "2026-01-02T03:04:05Z",
                  "rate": 0,
                  "list": []
                }""", empty);
    }

    private static String compact(Object document) {
        return new String(new GoJson().write(document, false), StandardCharsets.UTF_8);
    }
}
