package io.jstan.cli.options;

import io.jstan.cli.config.ConfigValues;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Set;

/** Flag values in the syntax of Go's flag package, which nats-streaming-server's flags use. */
final class GoValueConverters {
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private GoValueConverters() {
    }

    static void registerOn(CommandLine commandLine) {
        commandLine.registerConverter(Boolean.class, GoValueConverters::bool);
        commandLine.registerConverter(boolean.class, GoValueConverters::bool);
        commandLine.registerConverter(Duration.class, GoValueConverters::duration);
        commandLine.registerConverter(ByteSize.class, GoValueConverters::size);
        commandLine.registerConverter(CommaSeparated.class, CommaSeparated::parse);
    }

    /** As Go's strconv.ParseBool. */
    static Boolean bool(String text) {
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        throw new TypeConversionException("'" + text + "' is not a boolean (true or false)");
    }

    /** As Go's time.ParseDuration: {@code 500ms}, {@code 2m}, {@code 1h30m}. */
    static Duration duration(String text) {
        try {
            return ConfigValues.toDuration(text, text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not a duration such as 500ms, 2m or 1h30m");
        }
    }

    /** As nats-streaming-server's size flags: {@code 1024}, {@code 1MB}, {@code 64KB}. */
    static ByteSize size(String text) {
        try {
            return new ByteSize(ConfigValues.toSize(text, text));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not a size such as 1048576, 1MB or 64KB");
        }
    }
}
