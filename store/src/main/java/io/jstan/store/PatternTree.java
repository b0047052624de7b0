package io.jstan.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values keyed by channel name patterns, in a tree of tokens. Matching a name returns the values
 * of every pattern that matches it, widest first, in the order nats-streaming-server's sublist
 * returns them: limit inheritance depends on that order.
 */
final class PatternTree<V> {

    private static final String ONE_TOKEN = "*";
    private static final String REST = ">";

    private final Level<V> root = new Level<>();

    void put(String pattern, V value) {
        Level<V> level = root;
        Node<V> node = null;
        for (String token : pattern.split("\\.")) {
            node = level.child(token);
            level = node.next;
        }
        node.value = value;
    }

    /**
     * The values of the patterns matching {@code name}. A name that is itself a pattern matches
     * with its wildcards taken as plain tokens, as limit inheritance needs.
     */
    List<V> match(String name) {
        List<V> matches = new ArrayList<>();
        collect(root, name.split("\\."), 0, matches);
        return matches;
    }

    /** Every pattern, each wider pattern before the narrower ones below it. */
    List<String> patterns() {
        List<String> patterns = new ArrayList<>();
        collectPatterns(root, "", patterns);
        return patterns;
    }

    private static <V> void collect(Level<V> start, String[] tokens, int from, List<V> matches) {
        Level<V> level = start;
        Node<V> oneToken = null;
        Node<V> literal = null;
        for (int i = from; i < tokens.length; i++) {
            if (level == null) {
                return;
            }
            if (level.rest != null) {
                addValue(level.rest, matches);
            }
            oneToken = level.oneToken;
            if (oneToken != null) {
                collect(oneToken.next, tokens, i + 1, matches);
            }
            literal = level.literals.get(tokens[i]);
            level = literal == null ? null : literal.next;
        }
        if (oneToken != null) {
            addValue(oneToken, matches);
        }
        if (literal != null) {
            addValue(literal, matches);
        }
    }

    private static <V> void addValue(Node<V> node, List<V> matches) {
        if (node.value != null) {
            matches.add(node.value);
        }
    }

    private static <V> void collectPatterns(Level<V> level, String prefix, List<String> patterns) {
        if (level.rest != null) {
            patterns.add(prefix + REST);
        }
        if (level.oneToken != null) {
            collectPatterns(level.oneToken, prefix + ONE_TOKEN, patterns);
        }
        for (Map.Entry<String, Node<V>> entry : level.literals.entrySet()) {
            collectPatterns(entry.getValue(), prefix + entry.getKey(), patterns);
        }
    }

    private static <V> void collectPatterns(Node<V> node, String pattern, List<String> patterns) {
        if (node.value != null) {
            patterns.add(pattern);
        }
        collectPatterns(node.next, pattern + ".", patterns);
    }

    private static final class Level<V> {
        private final Map<String, Node<V>> literals = new TreeMap<>();
        private Node<V> oneToken;
        private Node<V> rest;

        Node<V> child(String token) {
            switch (token) {
                case ONE_TOKEN:
                    if (oneToken == null) {
                        oneToken = new Node<>();
                    }
                    return oneToken;
                case REST:
                    if (rest == null) {
                        rest = new Node<>();
                    }
                    return rest;
                default:
                    return literals.computeIfAbsent(token, t -> new Node<>());
            }
        }
    }

    private static final class Node<V> {
        private final Level<V> next = new Level<>();
        private V value;
    }
}
