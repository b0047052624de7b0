package io.jstan.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Conversions of values from a parsed configuration to what an option needs. Each throws
 * {@link IllegalArgumentException} with a message naming the option's key when the value
 * has the wrong type or form.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** A size: an integer as parsed (unquoted {@code 1MB} is already one), or a string such as {@code "1MB"}. */
    public static long toSize(String key, Object value) {
        if (value instanceof Long size) {
            return size;
        }
        if (value instanceof String text) {
            try {
                return SizeUnits.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option(key) + e.getMessage(), e);
            }
        }
        throw wrongType(key, "a size such as 1048576, 1MB or \"1GB\"", value);
    }

    /**
     * A duration: an integer is a number of seconds (as nats-server reads one), a string
     * is in Go's duration syntax, such as {@code "2m"}, {@code "1h30m"}, {@code "500ms"},
     * {@code "1.5s"} or {@code "10us"}.
     */
    public static Duration toDuration(String key, Object value) {
        if (value instanceof Long seconds) {
            return Duration.ofSeconds(seconds);
        }
        if (value instanceof String text) {
            try {
                return GoDurations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option(key) + e.getMessage(), e);
            }
        }
        throw wrongType(key, "a duration such as \"2m\", \"1h30m\" or \"500ms\"", value);
    }

    public static boolean toBoolean(String key, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw wrongType(key, "a boolean (true, false, yes, no, on or off, unquoted)", value);
    }

    public static String toStringValue(String key, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(key, "a string", value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(key, "a map", value);
    }

    public static long toLong(String key, Object value) {
        if (value instanceof Long number) {
            return number;
        }
        throw wrongType(key, "an integer", value);
    }

    private static IllegalArgumentException wrongType(String key, String expected, Object value) {
        return new IllegalArgumentException(option(key) + "expected " + expected + ", got " + describe(value));
    }

    private static String option(String key) {
        return "option '" + key + "': ";
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
        }
        if (value instanceof Long || value instanceof Double) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "a map";
        }
        return value == null ? "nothing" : "the value " + value;
    }
}
