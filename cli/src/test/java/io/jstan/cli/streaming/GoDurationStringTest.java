package io.jstan.cli.streaming;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoDurationStringTest {

    @ParameterizedTest
    @CsvSource({"0, 0s", "1, 1ns", "999, 999ns", "1500, 1.5\u00b5s", "2000000, 2ms", "500000000, 500ms", "1000000000, 1s",
            "1500000000, 1.5s", "30000000000, 30s", "90000000000, 1m30s", "3600000000000, 1h0m0s",
            "86400000000000, 24h0m0s", "3723004000000, 1h2m3.004s"})
    void asGoPrintsIt(long nanos, String text) {
        assertEquals(text, GoDurationString.of(Duration.ofNanos(nanos)));
    }
}
