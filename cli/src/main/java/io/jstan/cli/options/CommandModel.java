package io.jstan.cli.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The command's flags and configuration keys as the usage text and the flag reference describe them. */
public final class CommandModel {

    /**
     * @param synopsis    names and value, as in {@code -p, --port <int>} or {@code --tls=<bool>}
     * @param longOnly    no single-dash name: indented further in the usage text, as nats-streaming-server's
     * @param description with the default, when there is one worth telling
     * @param configKeys  the configuration file keys that set the same thing, aliases after the first
     */
    public record Flag(String synopsis, boolean longOnly, String description, List<String> configKeys) {
    }

    public record ConfigOnlyKey(List<String> keys, String value, String defaultValue, String description) {
    }

    public record Section(String heading, List<Flag> flags, List<ConfigOnlyKey> configOnlyKeys) {
    }

    private CommandModel() {
    }

    public static List<Section> sections() {
        JstanCommand command = new JstanCommand();
        CommandSpec spec = ArgumentParser.commandLine(command).getCommandSpec();
        List<Section> sections = new ArrayList<>();
        for (OptionSection section : command.sections()) {
            CommandSpec mixin = spec.mixins().values().stream()
                    .filter(candidate -> candidate.userObject() == section)
                    .findFirst()
                    .orElseThrow();
            List<Flag> flags = mixin.options().stream().map(CommandModel::flag).toList();
            List<ConfigOnlyKey> configOnly = ConfigTarget.declaredBy(section).stream()
                    .filter(target -> !target.member().isAnnotationPresent(Option.class))
                    .map(target -> configOnlyKey(target, section))
                    .toList();
            sections.add(new Section(section.heading(), flags, configOnly));
        }
        return sections;
    }

    /** Keys of nats-server ({@link ConfigScope#NATS}) or nats-streaming-server that jstan refuses, sorted. */
    public static Set<String> unsupportedConfigKeys(ConfigScope scope) {
        return UnsupportedConfigKeys.all(scope);
    }

    private static Flag flag(OptionSpec option) {
        AnnotatedElement member = (AnnotatedElement) option.userObject();
        String synopsis = String.join(", ", option.names()) + valueSyntax(option, member.getAnnotation(Option.class));
        String description = String.join(" ", option.description());
        String defaultValue = shownDefault(option.initialValue());
        if (defaultValue != null) {
            description += " (default: " + defaultValue + ")";
        }
        ConfigKey key = member.getAnnotation(ConfigKey.class);
        return new Flag(synopsis, option.names()[0].startsWith("--"), description,
                key == null ? List.of() : List.of(key.value()));
    }

    private static String valueSyntax(OptionSpec option, Option annotation) {
        if (option.arity().max() == 0) {
            return "";
        }
        if (!annotation.paramLabel().isEmpty()) {
            return " " + annotation.paramLabel();
        }
        String label = "<" + valueType(option.type()) + ">";
        return option.arity().min() == 0 ? "=" + label : " " + label;
    }

    private static ConfigOnlyKey configOnlyKey(ConfigTarget target, Object holder) {
        String defaultValue = null;
        if (target.member() instanceof Field field) {
            try {
                defaultValue = shownDefault(field.get(holder));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ConfigOnlyKey(List.of(target.key().value()), valueType(target.type()), defaultValue,
                target.key().description());
    }

    /** The default as the usage text tells it; null for none, false or zero, which go without saying. */
    private static String shownDefault(Object value) {
        if (value == null || Boolean.FALSE.equals(value) || Integer.valueOf(0).equals(value) || Long.valueOf(0).equals(value)
                || Duration.ZERO.equals(value)) {
            return null;
        }
        return value instanceof Duration duration ? GoDurationText.of(duration) : value.toString();
    }

    private static String valueType(Class<?> type) {
        if (type == String.class || type == Path.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "int";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == ByteSize.class) {
            return "size";
        }
        if (type == HostPort.class) {
            return "host:port";
        }
        if (type == ConfigBlock.class) {
            return "map";
        }
        if (type == CommaSeparated.class) {
            return "string, ...";
        }
        throw new IllegalStateException("no value name for " + type.getName());
    }
}
