package io.jstan.cli.streaming;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Channel name patterns ordered and matched as nats-streaming-server's sublist orders and matches
 * them, which decides how its limits table nests per-channel limits.
 */
final class ChannelPatterns {
    private static final String ONE_TOKEN = "*";
    private static final String REST = ">";

    /**
     * Widest first: where two patterns first differ, {@code >} comes before {@code *}, which comes
     * before a name, names in alphabetical order; a pattern comes before the longer ones it begins.
     */
    static final Comparator<String> WIDEST_FIRST = ChannelPatterns::compare;

    private ChannelPatterns() {
    }

    /** The patterns that match {@code name}, widest first: the chain along which {@code name} inherits limits. */
    static List<String> chain(Collection<String> patterns, String name) {
        return patterns.stream().filter(pattern -> matches(pattern, name)).sorted(WIDEST_FIRST).toList();
    }

    /** The most tokens in one of {@code patterns}. */
    static int depth(Collection<String> patterns) {
        return patterns.stream().mapToInt(pattern -> tokens(pattern).length).max().orElse(0);
    }

    /** Whether {@code pattern} matches {@code name}, the wildcards in {@code name} taken as plain tokens. */
    static boolean matches(String pattern, String name) {
        String[] wanted = tokens(pattern);
        String[] given = tokens(name);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals(REST)) {
                return i < given.length;
            }
            if (i >= given.length || !(wanted[i].equals(ONE_TOKEN) || wanted[i].equals(given[i]))) {
                return false;
            }
        }
        return wanted.length == given.length;
    }

    private static int compare(String a, String b) {
        String[] first = tokens(a);
        String[] second = tokens(b);
        for (int i = 0; i < Math.min(first.length, second.length); i++) {
            int byKind = Integer.compare(kind(first[i]), kind(second[i]));
            if (byKind != 0) {
                return byKind;
            }
            int byName = first[i].compareTo(second[i]);
            if (byName != 0) {
                return byName;
            }
        }
        return Integer.compare(first.length, second.length);
    }

    private static int kind(String token) {
        if (token.equals(REST)) {
            return 0;
        }
        return token.equals(ONE_TOKEN) ? 1 : 2;
    }

    private static String[] tokens(String pattern) {
        return pattern.split("\\.");
    }
}
