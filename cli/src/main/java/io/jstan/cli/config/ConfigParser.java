package io.jstan.cli.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Parser of nats-server's configuration file syntax.
 *
 * <p>The result maps keys, as written, to {@code String}, {@code Long} (integers, and sizes
 * such as {@code 1MB}), {@code Double}, {@code Boolean}, {@link java.time.Instant} (Zulu
 * date-times), {@code List<Object>} and {@code Map<String, Object>} values, maps keeping the
 * order of their keys. Variables ({@code $name}) are resolved against keys defined earlier in
 * the same or an enclosing block, then against the environment; includes are merged into the
 * map they appear in.
 */
public final class ConfigParser {
    private ConfigParser() {
    }

    /** Parses a config file; includes are resolved relative to it. */
    public static Map<String, Object> parseFile(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        return new ParseSession(System::getenv).parseFile(file);
    }

    /** Parses text as if it were the content of `origin` (used for messages and includes). */
    public static Map<String, Object> parse(String text, Path origin) throws ConfigException {
        return parse(text, origin, System::getenv);
    }

    /** As {@link #parse(String, Path)}, with {@code environment} in place of the process environment. */
    static Map<String, Object> parse(String text, Path origin, Function<String, String> environment)
            throws ConfigException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        return new ParseSession(environment).parseText(text, origin);
    }
}
