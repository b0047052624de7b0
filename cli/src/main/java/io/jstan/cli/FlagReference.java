package io.jstan.cli;

import io.jstan.cli.options.CommandModel;
import io.jstan.cli.options.ConfigScope;

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
                .append("setting in the configuration file (`-c`, `-sc`), whose keys are matched ignoring case: nats-server's,\n")
                .append("and nats-streaming-server's for the streaming settings (see [configuration.md](configuration.md)).\n");
        for (CommandModel.Section section : CommandModel.sections()) {
            md.append("\n## ").append(section.heading()).append("\n\n")
                    .append("| Flag | Description | Config key |\n")
                    .append("|---|---|---|\n");
            for (CommandModel.Flag flag : section.flags()) {
                md.append("| `").append(flag.synopsis()).append("` | ").append(cell(flag.description())).append(" | ")
                        .append(codeList(flag.configKeys())).append(" |\n");
            }
            if (!section.configOnlyKeys().isEmpty()) {
                md.append("\nConfiguration file keys without a flag:\n\n")
                        .append("| Config key | Value | Default | Description |\n")
                        .append("|---|---|---|---|\n");
                for (CommandModel.ConfigOnlyKey key : section.configOnlyKeys()) {
                    md.append("| ").append(codeList(key.keys())).append(" | ").append(key.value()).append(" | ")
                            .append(key.defaultValue() == null ? "" : key.defaultValue()).append(" | ")
                            .append(cell(key.description())).append(" |\n");
                }
            }
        }
        md.append("\n## Configuration keys jstan refuses\n\n")
                .append("jstan stops with an error when the configuration file sets one of these nats-server keys,\n")
                .append("which it cannot honour yet:\n\n")
                .append(codeList(List.copyOf(CommandModel.unsupportedConfigKeys(ConfigScope.NATS)))).append(".\n\n")
                .append("Nor these nats-streaming-server keys, in a `streaming { }` block (or at the top level of a file\n")
                .append("without one):\n\n")
                .append(codeList(List.copyOf(CommandModel.unsupportedConfigKeys(ConfigScope.STREAMING)))).append(".\n\n")
                .append("Any other key that jstan does not know is logged as a warning and ignored.\n");
        return md.toString();
    }

    /** Text for a table cell, where a bare '|' would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String codeList(List<String> names) {
        return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }
}
