package io.jstan.cli.options;

import io.jstan.cli.config.ConfigValues;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Converts a value read from a configuration file to the type of the setting it is for.
 * Each conversion throws {@link IllegalArgumentException} naming the key when the value
 * does not fit.
 */
final class ConfigConversions {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ConfigConversions() {
    }

    static Object convert(Class<?> type, String key, Object value) {
        if (type == String.class) {
            return ConfigValues.toStringValue(key, value);
        }
        if (type == int.class || type == Integer.class) {
            return toInt(key, value);
        }
        if (type == long.class || type == Long.class) {
            return ConfigValues.toLong(key, value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return ConfigValues.toBoolean(key, value);
        }
        if (type == Duration.class) {
            return toDuration(key, value);
        }
        if (type == ByteSize.class) {
            return new ByteSize(ConfigValues.toSize(key, value));
        }
        if (type == Path.class) {
            return Path.of(ConfigValues.toStringValue(key, value));
        }
        if (type == ConfigBlock.class) {
            return new ConfigBlock(key, ConfigValues.toMap(key, value));
        }
        if (type == CommaSeparated.class) {
            return CommaSeparated.fromConfig(key, value);
        }
        if (type == HostPort.class) {
            return value instanceof Long ? new HostPort(null, toInt(key, value))
                    : HostPort.parse(key, ConfigValues.toStringValue(key, value));
        }
        throw new IllegalStateException("no conversion from a configuration value to " + type.getName() + " (key " + key + ")");
    }

    static int toInt(String key, Object value) {
        long number = ConfigValues.toLong(key, value);
        if (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("option '" + key + "': " + number + " is out of range");
        }
        return (int) number;
    }

    /** As nats-server's timeouts, a fractional number is a number of seconds ({@code timeout: 0.5}). */
    static Duration toDuration(String key, Object value) {
        if (value instanceof Double seconds) {
            return Duration.ofNanos(Math.round(seconds * NANOS_PER_SECOND));
        }
        return ConfigValues.toDuration(key, value);
    }
}
