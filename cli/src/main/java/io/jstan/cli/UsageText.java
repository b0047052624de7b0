package io.jstan.cli;

import io.jstan.cli.options.CommandModel;

/** The text of {@code jstan --help}, grouped as nats-streaming-server's. */
final class UsageText {
    private static final String INDENT = "    ";
    private static final int SYNOPSIS_WIDTH = 33;

    private UsageText() {
    }

    static String render() {
        StringBuilder text = new StringBuilder("\nUsage: jstan [options]\n");
        for (CommandModel.Section section : CommandModel.sections()) {
            text.append('\n').append(section.heading()).append(":\n");
            for (CommandModel.Flag flag : section.flags()) {
                String synopsis = (flag.longOnly() ? INDENT : "") + flag.synopsis();
                text.append(INDENT).append(synopsis)
                        .append(" ".repeat(Math.max(1, SYNOPSIS_WIDTH - synopsis.length())))
                        .append(flag.description()).append('\n');
            }
        }
        return text.append('\n').toString();
    }
}
