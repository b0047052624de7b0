package io.jstan.broker.monitor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query string of a request, read as nats-server reads it: the first value of a name, "" when absent. */
final class QueryParameters {
    /** The spellings Go's strconv.ParseBool accepts. */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private final Map<String, List<String>> parameters;

    QueryParameters(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    String text(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** False when absent. */
    boolean bool(String name) {
        String value = text(name);
        if (value.isEmpty() || FALSE.contains(value)) {
            return false;
        }
        if (TRUE.contains(value)) {
            return true;
        }
        throw invalid("boolean", "strconv.ParseBool", name, value);
    }

    /** 0 when absent. */
    int integer(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid("int", "strconv.Atoi", name, value);
        }
    }

    /**
     * 0 when absent or not an integer: nats-streaming-server reads its query with strconv.Atoi and
     * ignores the errors, so a bad value there means the default rather than a 400.
     */
    int integerOrZero(String name) {
        try {
            return Integer.parseInt(text(name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** 0 when absent. */
    long unsignedLong(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw invalid("uint64", "strconv.ParseUint", name, value);
        }
    }

    /** nats-server's text, which names the Go function that refused the value. */
    private static BadQueryException invalid(String type, String goFunction, String name, String value) {
        return new BadQueryException("Error decoding " + type + " for '" + name + "': " + goFunction + ": parsing \""
                + value + "\": invalid syntax");
    }
}
