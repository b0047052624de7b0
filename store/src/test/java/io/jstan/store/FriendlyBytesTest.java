package io.jstan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FriendlyBytesTest {

    @Test
    void formatsLikeTheReference() {
        assertEquals("0 B", FriendlyBytes.format(0));
        assertEquals("1023 B", FriendlyBytes.format(1023));
        assertEquals("1.00 KB", FriendlyBytes.format(1024));
        assertEquals("976.56 MB", FriendlyBytes.format(1_024_000_000L));
        assertEquals("1.50 GB", FriendlyBytes.format(1536L * 1024 * 1024));
        assertEquals("1023.50 KB", FriendlyBytes.format(1_048_064));
    }

    /** Figures nats-streaming-server 0.25.6 printed for these --max_bytes: Go rounds an exact tie to the even digit. */
    @Test
    void roundsATieToTheEvenDigitAsGoDoes() {
        assertEquals("1.12 KB", FriendlyBytes.format(1152));
        assertEquals("1.00 KB", FriendlyBytes.format(1029));
        assertEquals("2.50 MB", FriendlyBytes.format(2_621_440));
    }
}
