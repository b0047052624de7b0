package io.jstan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLimitsTest {

    @Test
    void defaultsAreNatsStreamingServers() {
        StoreLimits limits = StoreLimits.DEFAULTS;
        assertEquals(100, limits.maxChannels());
        assertEquals(new ChannelLimits(1_000_000, 1_024_000_000L, Duration.ZERO, 1000, Duration.ZERO), limits.global());
        assertEquals(Map.of(), limits.perChannel());
        assertEquals(ChannelLimits.DEFAULTS, limits.channelLimits("foo"));
    }

    @Test
    void negativeGlobalLimitsAreRefused() {
        ChannelLimits defaults = ChannelLimits.DEFAULTS;
        assertRefused("max channels limit cannot be negative (-1)", StoreLimits.builder().maxChannels(-1));
        assertRefused("max subscriptions limit cannot be negative (-2)", global(defaults.withMaxSubscriptions(-2)));
        assertRefused("max messages limit cannot be negative (-3)", global(defaults.withMaxMsgs(-3)));
        assertRefused("max bytes limit cannot be negative (-4)", global(defaults.withMaxBytes(-4)));
        assertRefused("max age limit cannot be negative (PT-1H-30M)", global(defaults.withMaxAge(Duration.ofMinutes(-90))));
        assertRefused("max inactivity limit cannot be negative (PT-1S)",
                global(defaults.withMaxInactivity(Duration.ofSeconds(-1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo.*bar", "foo.**.bar", "foo.>.bar", "foo>", "foo.", ".foo", "foo..bar", "foo/bar"})
    void invalidChannelPatternsAreRefused(String pattern) {
        assertRefused("invalid channel name \"" + pattern + "\"",
                StoreLimits.builder().channel(pattern, ChannelLimits.INHERIT));
    }

    @Test
    void literalChannelsMayNotExceedMaxChannelsButWildcardsDoNotCount() {
        StoreLimits.Builder builder = StoreLimits.builder().maxChannels(2);
        for (String pattern : List.of("foo.>", "foo.*", "foo.bar.*", ">", "foo.bar", "foo.baz")) {
            builder.channel(pattern, ChannelLimits.INHERIT);
        }
        assertEquals(6, builder.build().perChannel().size());

        builder.channel("foo", ChannelLimits.INHERIT);
        assertRefused("too many channels defined (3). The max channels limit is set to 2", builder);

        builder.maxChannels(0);
        assertEquals(7, builder.build().perChannel().size());
    }

    @Test
    void perChannelLimitsMayExceedGlobalOnes() {
        StoreLimits limits = global(ChannelLimits.DEFAULTS.withMaxMsgs(10))
                .channel("foo", ChannelLimits.INHERIT.withMaxMsgs(12))
                .build();
        assertEquals(12, limits.channelLimits("foo").maxMsgs());
    }

    @Test
    void zeroInheritsAndNegativeMeansUnlimited() {
        ChannelLimits global = new ChannelLimits(11, 12, Duration.ofSeconds(13), 14, Duration.ofSeconds(15));
        StoreLimits limits = global(global)
                .channel("zero", ChannelLimits.INHERIT)
                .channel("negative", new ChannelLimits(-1, -1, Duration.ofSeconds(-1), -1, Duration.ofSeconds(-1)))
                .channel("own.*", new ChannelLimits(1, 2, Duration.ofSeconds(3), 4, Duration.ofSeconds(5)))
                .build();
        assertEquals(global, limits.channelLimits("zero"));
        assertEquals(new ChannelLimits(0, 0, Duration.ZERO, 0, Duration.ZERO), limits.channelLimits("negative"));
        assertEquals(new ChannelLimits(1, 2, Duration.ofSeconds(3), 4, Duration.ofSeconds(5)), limits.channelLimits("own.x"));
        assertEquals(global, limits.channelLimits("own"));
        assertEquals(global, limits.channelLimits("own.x.y"));
    }

    /**
     * Each override sets one limit; the rest come down the chain of wider patterns that match it,
     * in the reference's order (which lets "*.*" match "foo.>", its '>' taken as a token).
     */
    @Test
    void inheritanceFollowsTheChainOfWiderPatterns() {
        StoreLimits limits = global(limits(11, 12, 13, 14, 15))
                .channel("*.*", limits(0, 2, 0, 0, 0))
                .channel("*.>", limits(0, 0, 0, 5, 0))
                .channel("foo.>", limits(10, 0, 0, 0, 0))
                .channel("foo.*.>", limits(0, 20, 0, 0, 0))
                .channel("foo.*.*.>", limits(0, 0, 30, 0, 0))
                .channel("foo.a.b.c", limits(0, 0, 0, 40, 0))
                .channel("foo.d.e.f", limits(50, 0, 60, 0, 0))
                .channel("foo.baz", limits(0, 70, 0, 80, 0))
                .channel("bar.*.>", limits(90, 0, 0, 0, 0))
                .channel("bar.baz.>", limits(0, 100, 0, 0, 110))
                .channel("bar.baz.boz", limits(0, 0, 0, 0, 120))
                .channel("bar.baz.bat", limits(0, 0, 0, 0, 110))
                .build();

        Map<String, ChannelLimits> expected = Map.ofEntries(
                Map.entry("*.>", limits(11, 12, 13, 5, 15)),
                Map.entry("*.*", limits(11, 2, 13, 5, 15)),
                Map.entry("foo.>", limits(10, 2, 13, 5, 15)),
                Map.entry("foo.*.>", limits(10, 20, 13, 5, 15)),
                Map.entry("foo.*.*.>", limits(10, 20, 30, 5, 15)),
                Map.entry("foo.a.b.c", limits(10, 20, 30, 40, 15)),
                Map.entry("foo.d.e.f", limits(50, 20, 60, 5, 15)),
                Map.entry("foo.baz", limits(10, 70, 13, 80, 15)),
                Map.entry("bar.*.>", limits(90, 12, 13, 5, 15)),
                Map.entry("bar.baz.>", limits(90, 100, 13, 5, 110)),
                Map.entry("bar.baz.boz", limits(90, 100, 13, 5, 120)),
                Map.entry("bar.baz.bat", limits(90, 100, 13, 5, 110)));
        assertEquals(expected, limits.perChannel());

        assertEquals(expected.get("foo.a.b.c"), limits.channelLimits("foo.a.b.c"));
        assertEquals(expected.get("foo.*.*.>"), limits.channelLimits("foo.x.y.z"));
        assertEquals(expected.get("foo.baz"), limits.channelLimits("foo.baz"));
        assertEquals(expected.get("*.*"), limits.channelLimits("qux.x"));
        assertEquals(expected.get("*.>"), limits.channelLimits("qux.x.y"));
        assertEquals(limits(11, 12, 13, 14, 15), limits.channelLimits("qux"));
    }

    @Test
    void perChannelLimitsAreSortedAndUnmodifiable() {
        StoreLimits limits = StoreLimits.builder()
                .channel("b", ChannelLimits.INHERIT)
                .channel("a", ChannelLimits.INHERIT)
                .build();
        assertEquals(List.of("a", "b"), List.copyOf(limits.perChannel().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> limits.perChannel().clear());
    }

    @Test
    void laterOverrideOfTheSamePatternReplacesTheEarlierOne() {
        StoreLimits limits = StoreLimits.builder()
                .channel("foo", ChannelLimits.INHERIT.withMaxMsgs(1))
                .channel("foo", ChannelLimits.INHERIT.withMaxMsgs(2))
                .build();
        assertEquals(2, limits.channelLimits("foo").maxMsgs());
    }

    private static ChannelLimits limits(long msgs, long bytes, long ageSeconds, int subs, long inactivitySeconds) {
        return new ChannelLimits(msgs, bytes, Duration.ofSeconds(ageSeconds), subs, Duration.ofSeconds(inactivitySeconds));
    }

    private static StoreLimits.Builder global(ChannelLimits limits) {
        return StoreLimits.builder().global(limits);
    }

    private static void assertRefused(String message, StoreLimits.Builder builder) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(message, refused.getMessage());
    }
}
