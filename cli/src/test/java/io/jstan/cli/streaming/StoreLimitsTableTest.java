package io.jstan.cli.streaming;

import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreLimitsTableTest {

    @Test
    void defaultsAreAllMarked() {
        assertEquals(List.of(
                "---------- Store Limits ----------",
                "Channels:                  100 *",
                "--------- Channels Limits --------",
                "  Subscriptions:          1000 *",
                "  Messages     :       1000000 *",
                "  Bytes        :     976.56 MB *",
                "  Age          :     unlimited *",
                "  Inactivity   :     unlimited *",
                "----------------------------------"), StoreLimitsTable.lines(StoreLimits.DEFAULTS));
    }

    @Test
    void changedGlobalLimitsAreNotMarked() {
        StoreLimits limits = StoreLimits.builder()
                .maxChannels(0)
                .global(new ChannelLimits(5000, 1024 * 1024, Duration.ofMinutes(90), 1000, Duration.ofMillis(1500)))
                .build();
        assertEquals(List.of(
                "---------- Store Limits ----------",
                "Channels:            unlimited",
                "--------- Channels Limits --------",
                "  Subscriptions:          1000 *",
                "  Messages     :          5000",
                "  Bytes        :       1.00 MB",
                "  Age          :       1h30m0s",
                "  Inactivity   :          1.5s",
                "----------------------------------"), StoreLimitsTable.lines(limits));
    }

    /** The channels of nats-streaming-server's own test of its limits print-out. */
    @Test
    void overridesNestUnderTheWiderPatternTheyInheritFrom() {
        StoreLimits limits = StoreLimits.builder()
                .channel(">", ChannelLimits.INHERIT.withMaxMsgs(10))
                .channel("foo.>", ChannelLimits.INHERIT.withMaxBytes(1024).withMaxInactivity(Duration.ofSeconds(5)))
                .channel("foo.bar.>", ChannelLimits.INHERIT.withMaxAge(Duration.ofSeconds(1)))
                .channel("foo.bar.baz.>", ChannelLimits.INHERIT.withMaxSubscriptions(20))
                .channel("bar", ChannelLimits.INHERIT.withMaxSubscriptions(30))
                .build();
        assertEquals(List.of(
                "---------- Store Limits ----------",
                "Channels:                  100 *",
                "--------- Channels Limits --------",
                "  Subscriptions:          1000 *",
                "  Messages     :       1000000 *",
                "  Bytes        :     976.56 MB *",
                "  Age          :     unlimited *",
                "  Inactivity   :     unlimited *",
                "--------- List of Channels ---------",
                ">",
                " |-> Messages                     10",
                " bar",
                "  |-> Subscriptions               30",
                " foo.>",
                "  |-> Bytes                  1.00 KB",
                "  |-> Inactivity                  5s",
                "  foo.bar.>",
                "   |-> Age                        1s",
                "   foo.bar.baz.>",
                "    |-> Subscriptions             20",
                "------------------------------------"), StoreLimitsTable.lines(limits));
    }

    /** orders.eu inherits from orders.*, which comes after *.eu among the patterns matching it: so not *.eu's age. */
    @Test
    void unlimitedOverrideAndSiblingPatterns() {
        StoreLimits limits = StoreLimits.builder()
                .channel("orders.*", ChannelLimits.INHERIT.withMaxMsgs(100))
                .channel("orders.eu", ChannelLimits.INHERIT.withMaxMsgs(-1))
                .channel("*.eu", ChannelLimits.INHERIT.withMaxAge(Duration.ofHours(24)))
                .build();
        assertEquals(List.of(
                "---------- Store Limits ----------",
                "Channels:                  100 *",
                "--------- Channels Limits --------",
                "  Subscriptions:          1000 *",
                "  Messages     :       1000000 *",
                "  Bytes        :     976.56 MB *",
                "  Age          :     unlimited *",
                "  Inactivity   :     unlimited *",
                "-------- List of Channels --------",
                "*.eu",
                " |-> Age                   24h0m0s",
                "orders.*",
                " |-> Messages                  100",
                "  orders.eu",
                "   |-> Messages          unlimited",
                "----------------------------------"), StoreLimitsTable.lines(limits));
    }
}
