package io.jstan.cli;

import io.jstan.cli.options.CommandModel;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates docs/flags.md, the flag and configuration key reference, from the {@code jstan}
 * command itself. FlagReferenceTest fails when the file differs from what this produces.
 */
final class FlagReference {
    private FlagReference() {
    }

    static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# jstan flags\n\n")
                .append("<!-- Generated from the jstan command by io.jstan.cli.FlagReference; do not edit by hand. -->\n\n")
                .append("`jstan` takes the flags of `nats-streaming-server`, with the same names, values and defaults.\n")
                .append("As with Go's flag package, a flag takes one or two dashes (`-port 4222`, `--port=4222`), and a\n")
                .append("boolean flag is `--flag` or `--flag=false`. A flag given on the command line wins over the same\n")
                .append("setting in the configuration file (`-c`), whose keys are nats-server's, matched ignoring case.\n");
        for (CommandModel.Section section : CommandModel.sections()) {
            md.append("\n## ").append(section.heading()).append("\n\n")
                    .append("| Flag | Description | Config key |\n")
                    .append("|---|---|---|\n");
            for (CommandModel.Flag flag : section.flags()) {
                md.append("| `").append(flag.synopsis()).append("` | ").append(flag.description()).append(" | ")
                        .append(codeList(flag.configKeys())).append(" |\n");
            }
            if (!section.configOnlyKeys().isEmpty()) {
                md.append("\nConfiguration file keys without a flag:\n\n")
                        .append("| Config key | Value | Default | Description |\n")
                        .append("|---|---|---|---|\n");
                for (CommandModel.ConfigOnlyKey key : section.configOnlyKeys()) {
                    md.append("| ").append(codeList(key.keys())).append(" | ").append(key.value()).append(" | ")
                            .append(key.defaultValue() == null ? "" : key.defaultValue()).append(" | ")
                            .append(key.description()).append(" |\n");
                }
            }
        }
        md.append("\n## Configuration keys jstan refuses\n\n")
                .append("jstan stops with an error when the configuration file sets one of these nats-server keys,\n")
                .append("which it cannot honour yet:\n\n")
                .append(codeList(List.copyOf(CommandModel.unsupportedConfigKeys()))).append(".\n\n")
                .append("Any other key that jstan does not know is logged as a warning and ignored. Keys inside a\n")
                .append("`streaming { }` block are nats-streaming-server's, not nats-server's.\n");
        return md.toString();
    }

    private static String codeList(List<String> names) {
        return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }
}
